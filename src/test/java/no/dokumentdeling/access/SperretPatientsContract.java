package no.dokumentdeling.access;

import static no.dokumentdeling.testsupport.DocumentSearches.byPatient;
import static no.dokumentdeling.testsupport.DocumentSearches.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rule "the NORS count needs no search for a patient sperring never touched": the patients of sperret documents are
 * recorded as the documents are stored, the count trusts that record, and the migration fills it from what HAPI
 * indexed before it existed.
 */
abstract class SperretPatientsContract {

	protected abstract TestServer server();

	private JdbcTemplate jdbc;

	@BeforeEach
	void database() {
		jdbc = new JdbcTemplate(server().bean(DataSource.class));
	}

	@Test
	void ruleSperretPatients_aPublishedSperretDocumentRecordsItsPatient() {
		String sperret = SyntheticFodselsnummer.next();
		String open = SyntheticFodselsnummer.next();
		int before = recorded();

		publishSperret(sperret);
		Published.by(server(), ProvideBundleBuilder.forPatient(open).withEpikrise());

		assertThat(recorded()).as("one row, for the patient of the sperret document").isEqualTo(before + 1);
		assertThat(patientIdRecordedFor(sperret)).isTrue();
		assertThat(patientIdRecordedFor(open)).isFalse();
		Response search = byPatient(server().asReader(), sperret, "");
		assertThat(ids(search)).hasSize(1);
		assertThat(search.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("1");
		assertThat(byPatient(server().asReader(), open, "").header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("0");
	}

	@Test
	void ruleSperretPatients_theCountTrustsTheRecordAndTheMigrationFillsIt() throws SQLException {
		String fnr = SyntheticFodselsnummer.next();
		publishSperret(fnr);
		String patientId = patientId(fnr);
		// A database from before the record: the document is stored and indexed, its patient not recorded.
		jdbc.update("DELETE FROM " + SperretPatients.TABLE + " WHERE patient_id = ?", patientId);

		assertThat(byPatient(server().asReader(), fnr, "").header(DocumentPolicy.NORS_COUNT_HEADER))
				.as("no row, no count query").isEqualTo("0");

		try (Connection connection = server().bean(DataSource.class).getConnection()) {
			assertThat(SperretPatientsFromHapiTables.fill(connection)).as("rows added from HAPI's index").isEqualTo(1);
			assertThat(SperretPatientsFromHapiTables.fill(connection)).as("a second fill adds nothing").isZero();
		}
		assertThat(byPatient(server().asReader(), fnr, "").header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("1");
	}

	private void publishSperret(String fnr) {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(0).addSecurityLabel().addCoding().setSystem(SecurityLabelCodes.VOLVEN_9603)
				.setCode(SecurityLabelCodes.SPERRET);
		Published.by(server(), bundle);
	}

	private int recorded() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + SperretPatients.TABLE, Integer.class);
	}

	private boolean patientIdRecordedFor(String fnr) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + SperretPatients.TABLE + " WHERE patient_id = ?", Integer.class,
				patientId(fnr)) == 1;
	}

	/** The stored Patient's id, as the citizen's own search shows it. */
	private String patientId(String fnr) {
		String subject = byPatient(server().asCitizen(fnr), fnr, "").jsonPath().getString("entry[0].resource.subject.reference");
		return subject.substring(subject.indexOf('/') + 1);
	}
}
