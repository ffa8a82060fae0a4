package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Collection;
import java.util.Collections;
import javax.sql.DataSource;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.schema.SchemaDatabase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The patients who have, or once had, a sperret ({@code NORS}) document, in a table all replicas share
 * ({@code dd_sperret_patient}, migrations V6 and 7). Every DocumentReference write that stores the label adds its
 * patient in the write's own transaction, so a sperret document and its patient's row are committed together. The
 * count of {@value DocumentPolicy#NORS_COUNT_HEADER} then needs no search for a patient sperring never touched,
 * which is nearly every patient.
 *
 * <p>A row stays when the label is lifted or the document deleted: the table only ever answers "there may be
 * sperret documents", and for those patients the count is asked as before.
 */
@Component
@Interceptor
public class SperretPatients implements FhirInterceptor {

	static final String TABLE = "dd_sperret_patient";

	private final JdbcTemplate jdbc;
	private final String insertUnlessPresent;

	public SperretPatients(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		// Two documents of one patient stored at once must not fail on the key, and neither may wait for nothing.
		this.insertUnlessPresent = SchemaDatabase.of(dataSource) == SchemaDatabase.POSTGRESQL
				? "INSERT INTO " + TABLE + " (patient_id) VALUES (?) ON CONFLICT (patient_id) DO NOTHING"
				: "MERGE INTO " + TABLE + " (patient_id) KEY (patient_id) VALUES (?)";
	}

	/** Whether any of these patients (ids of Patient resources) has, or had, a sperret document. */
	public boolean anyMayHaveSperret(Collection<String> patientIds) {
		if (patientIds.isEmpty()) {
			return false;
		}
		String marks = String.join(",", Collections.nCopies(patientIds.size(), "?"));
		Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE + " WHERE patient_id IN (" + marks + ")",
				Integer.class, patientIds.toArray());
		return found != null && found > 0;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		recordIfSperret(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		recordIfSperret(resource);
	}

	/**
	 * Records the patient of a document that is sperret, in the current transaction. The hooks above see what callers
	 * write; a write of the server's own (a {@code SystemRequestDetails} request, which runs no hooks of the FHIR
	 * endpoint's) that labels a document calls this itself.
	 */
	public void recordIfSperret(IBaseResource resource) {
		if (resource instanceof DocumentReference document && SecurityLabelCodes.carries(document, SecurityLabelCodes.SPERRET)
				&& document.getSubject().getReferenceElement().hasIdPart()) {
			jdbc.update(insertUnlessPresent, document.getSubject().getReferenceElement().getIdPart());
		}
	}
}
