package no.dokumentdeling.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.schema.HistoryTables;
import no.dokumentdeling.schema.OwnJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code dd_sperret_patient} (V6) once, as part of the schema migration, with the patients of the sperret
 * documents stored before it: from HAPI's own index of them (the {@code security-label} token and the subject link of
 * each current DocumentReference), so no document is read. After this, {@link SperretPatients} keeps the table as
 * documents are written. On a database without HAPI's tables (the dev profile's H2, which Hibernate fills after this
 * runs) there are no documents yet.
 */
public final class SperretPatientsFromHapiTables extends OwnJavaMigration {

	static final String SPERRET_DOCUMENTS_PATIENTS = "INSERT INTO " + SperretPatients.TABLE + " (patient_id)"
			+ " SELECT DISTINCT p.FHIR_ID FROM HFJ_SPIDX_TOKEN t"
			+ " JOIN HFJ_RES_LINK l ON l.SRC_RESOURCE_ID = t.RES_ID AND l.SRC_PATH = 'DocumentReference.subject'"
			+ " JOIN HFJ_RESOURCE p ON p.RES_ID = l.TARGET_RESOURCE_ID"
			+ " WHERE t.RES_TYPE = 'DocumentReference' AND t.SP_NAME = 'security-label' AND t.SP_SYSTEM = ? AND t.SP_VALUE = ?"
			+ " AND p.FHIR_ID IS NOT NULL"
			+ " AND NOT EXISTS (SELECT 1 FROM " + SperretPatients.TABLE + " s WHERE s.patient_id = p.FHIR_ID)";

	public SperretPatientsFromHapiTables() {
		super("7", "sperret patients from HAPI tables");
	}

	@Override
	public void migrate(Context context) throws SQLException {
		fill(context.getConnection());
	}

	/** Adds the patients of the stored sperret documents that are not in the table yet; returns how many. */
	static int fill(Connection connection) throws SQLException {
		if (!HistoryTables.exists(connection, "HFJ_SPIDX_TOKEN") || !HistoryTables.exists(connection, "HFJ_RES_LINK")) {
			return 0;
		}
		try (PreparedStatement insert = connection.prepareStatement(SPERRET_DOCUMENTS_PATIENTS)) {
			insert.setString(1, SecurityLabelCodes.VOLVEN_9603);
			insert.setString(2, SecurityLabelCodes.SPERRET);
			return insert.executeUpdate();
		}
	}
}
