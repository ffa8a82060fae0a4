package no.dokumentdeling.audit;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.zip.GZIPInputStream;
import no.dokumentdeling.schema.HistoryTables;
import no.dokumentdeling.schema.OwnJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Copies the audit records a 0.1 or 0.2 server stored as HAPI AuditEvent resources into our audit table, once, as
 * part of the schema migration (after V3 made the table): each keeps its id, its time and its content, and gets the
 * search keys a new record gets, so auditors, the innsynslogg and the publisher lookup of a retraction find it as
 * before. The old rows stay in HAPI's tables, no longer served. On a database without HAPI's tables (the dev profile's
 * H2, which Hibernate fills after this runs) there is nothing to copy.
 */
public final class AuditEventsFromHapiTables extends OwnJavaMigration {

	private static final String CURRENT_AUDIT_EVENTS = "SELECT r.FHIR_ID, r.RES_UPDATED, v.RES_ENCODING, v.RES_TEXT_VC, v.RES_TEXT"
			+ " FROM HFJ_RESOURCE r JOIN HFJ_RES_VER v ON v.RES_ID = r.RES_ID AND v.RES_VER = r.RES_VER"
			+ " WHERE r.RES_TYPE = 'AuditEvent' AND r.RES_DELETED_AT IS NULL";

	private static final int BATCH = 500;

	public AuditEventsFromHapiTables() {
		super("4", "audit events from HAPI tables");
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!HistoryTables.exists(connection, "HFJ_RESOURCE") || !HistoryTables.exists(connection, "HFJ_RES_VER")) {
			return;
		}
		FhirContext fhir = FhirContext.forR4Cached();
		try (PreparedStatement select = connection.prepareStatement(CURRENT_AUDIT_EVENTS);
				PreparedStatement insertEvent = connection.prepareStatement(AuditEventTable.INSERT_EVENT);
				PreparedStatement insertKey = connection.prepareStatement(AuditEventTable.INSERT_KEY)) {
			select.setFetchSize(BATCH);
			int pending = 0;
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					String text = text(rows.getString("RES_ENCODING"), rows.getString("RES_TEXT_VC"), rows.getBlob("RES_TEXT"));
					if (text == null) {
						continue;
					}
					AuditEvent event = fhir.newJsonParser().parseResource(AuditEvent.class, text);
					String id = rows.getString("FHIR_ID");
					Timestamp updated = rows.getTimestamp("RES_UPDATED");
					event.setId(id);
					event.getMeta().setVersionId("1").setLastUpdated(updated);
					insertEvent.setString(1, id);
					insertEvent.setLong(2, event.hasRecorded() ? event.getRecorded().getTime() : updated.getTime());
					insertEvent.setString(3, fhir.newJsonParser().encodeResourceToString(event));
					insertEvent.addBatch();
					for (AuditSearchKey key : AuditSearchKey.of(event)) {
						insertKey.setString(1, id);
						insertKey.setString(2, key.parameter());
						insertKey.setString(3, key.system());
						insertKey.setString(4, key.value());
						insertKey.addBatch();
					}
					if (++pending == BATCH) {
						insertEvent.executeBatch();
						insertKey.executeBatch();
						pending = 0;
					}
				}
			}
			if (pending > 0) {
				insertEvent.executeBatch();
				insertKey.executeBatch();
			}
		}
	}

	/** The stored JSON: inline, or in the LOB, plain or gzipped (HAPI's JSONC); null for a deleted version. */
	private static String text(String encoding, String inline, Blob lob) throws SQLException {
		if (inline != null) {
			return inline;
		}
		if (lob == null) {
			return null;
		}
		byte[] bytes = lob.getBytes(1, (int) lob.length());
		if ("JSONC".equals(encoding)) {
			try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
				return new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return "JSON".equals(encoding) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}
}
