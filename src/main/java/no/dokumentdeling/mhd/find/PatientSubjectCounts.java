package no.dokumentdeling.mhd.find;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many current resources of a type have a patient as their subject, read from HAPI's reference index (the
 * {@code HFJ_RES_LINK} rows HAPI keeps for the {@code subject} search of every stored version, deleted with the
 * resource): one index-only count, with no search built. Whatever a narrowed search of that patient's documents or
 * lists finds, it finds no more than this.
 */
@Component
public class PatientSubjectCounts {

	private static final String COUNT = "SELECT COUNT(*) FROM HFJ_RES_LINK l JOIN HFJ_RESOURCE p ON p.RES_ID = l.TARGET_RESOURCE_ID"
			+ " WHERE p.RES_TYPE = 'Patient' AND p.FHIR_ID = ? AND l.SRC_PATH = ?";

	private final JdbcTemplate jdbc;

	public PatientSubjectCounts(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The current resources of {@code resourceType} whose {@code subject} is {@code Patient/patientId}. */
	public long ofPatient(String resourceType, String patientId) {
		Long count = jdbc.queryForObject(COUNT, Long.class, patientId, resourceType + ".subject");
		return count == null ? 0 : count;
	}
}
