package no.dokumentdeling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import no.dokumentdeling.schema.DatabaseSchema;
import no.dokumentdeling.testsupport.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rule "an upgraded database keeps its audit trail": the AuditEvents a 0.1 or 0.2 server stored as HAPI resources are
 * copied into the audit table by the migration, with their ids and content and the keys they are searched by. The
 * HAPI rows are written here as HAPI 8.8 writes them (current version, JSON inline); the database is then taken back
 * to before V4, as a 0.2 database is, and migrated.
 */
class AuditEventsFromHapiTablesTest {

	private static final String RECORD = "{\"resourceType\":\"AuditEvent\",\"type\":{\"system\":\"http://dicom.nema.org/resources/ontology/DCM\","
			+ "\"code\":\"110112\"},\"subtype\":[{\"system\":\"urn:ihe:event-type-code\",\"code\":\"ITI-67\"}],"
			+ "\"recorded\":\"2025-06-01T10:15:30.000+00:00\",\"outcome\":\"0\","
			+ "\"agent\":[{\"who\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.4\",\"value\":\"565505933\"}},\"requestor\":true}],"
			+ "\"source\":{\"observer\":{\"display\":\"dokumentdeling\"}},"
			+ "\"entity\":[{\"what\":{\"reference\":\"Patient/77\"}},{\"what\":{\"reference\":\"DocumentReference/78\"}}]}";

	static Stream<Arguments> databases() {
		return Stream.of(Arguments.of("H2", (Supplier<TestDatabase>) TestDatabase::h2),
				Arguments.of("PostgreSQL", (Supplier<TestDatabase>) TestDatabase::postgres));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void ruleAudit_anUpgradedDatabaseKeepsItsAuditTrail(String name, Supplier<TestDatabase> databases) throws SQLException {
		TestDatabase database = databases.get();
		try (BasicDataSource pool = database.pool()) {
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			Timestamp stored = Timestamp.from(Instant.parse("2025-06-01T10:15:31Z"));
			insert(pool, "HFJ_RESOURCE", Map.of("RES_ID", 9001L, "RES_TYPE", "AuditEvent", "FHIR_ID", "9001", "RES_VER", 1L,
					"RES_UPDATED", stored, "RES_PUBLISHED", stored));
			insert(pool, "HFJ_RES_VER", Map.of("PID", 9002L, "RES_ID", 9001L, "RES_TYPE", "AuditEvent", "RES_VER", 1L,
					"RES_ENCODING", "JSON", "RES_TEXT_VC", RECORD, "RES_UPDATED", stored, "RES_PUBLISHED", stored));
			// A database from before V4: neither V4 nor the later V5 to 7 (and their tables) had run on it. Flyway's
			// history table and columns are quoted names, lower case on both databases.
			jdbc.update("DELETE FROM \"dd_schema_history\" WHERE \"version\" IN ('4', '5', '6', '7')");
			jdbc.update("DROP TABLE dd_change_generation");
			jdbc.update("DROP TABLE dd_sperret_patient");

			assertThat(new DatabaseSchema(pool, database.jdbcUrl()).migrate().ownMigrations()).isEqualTo(4);

			assertThat(jdbc.queryForObject("SELECT recorded_at FROM dd_audit_event WHERE id = '9001'", Long.class))
					.isEqualTo(Instant.parse("2025-06-01T10:15:30Z").toEpochMilli());
			assertThat(jdbc.queryForObject("SELECT resource_json FROM dd_audit_event WHERE id = '9001'", String.class))
					.contains("\"id\":\"9001\"", "ITI-67", "DocumentReference/78");
			assertThat(jdbc.queryForList("SELECT parameter || ' ' || COALESCE(key_system, '-') || ' ' || key_value"
					+ " FROM dd_audit_search_key WHERE event_id = '9001'", String.class))
					.contains("patient Patient 77", "entity DocumentReference 78", "subtype urn:ihe:event-type-code ITI-67",
							"outcome http://hl7.org/fhir/audit-event-outcome 0", "agent-identifier urn:oid:2.16.578.1.12.4.1.4.4 565505933");
		}
	}

	/** A row with the given values, every other NOT NULL column without a default given a value of its type. */
	private static void insert(BasicDataSource pool, String table, Map<String, Object> given) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		given.forEach((column, value) -> values.put(column.toUpperCase(Locale.ROOT), value));
		try (Connection connection = pool.getConnection()) {
			DatabaseMetaData metadata = connection.getMetaData();
			for (String tableName : List.of(table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
				try (ResultSet columns = metadata.getColumns(null, connection.getSchema(), tableName, null)) {
					while (columns.next()) {
						String column = columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT);
						boolean required = columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
								&& columns.getString("COLUMN_DEF") == null;
						if (required && !values.containsKey(column)) {
							values.put(column, filler(columns.getInt("DATA_TYPE")));
						}
					}
				}
			}
		}
		List<String> columns = new ArrayList<>(values.keySet());
		new JdbcTemplate(pool).update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", columns.stream().map(c -> "?").toList()) + ")", values.values().toArray());
	}

	private static Object filler(int type) {
		return switch (type) {
			case Types.BOOLEAN, Types.BIT -> false;
			case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> new Timestamp(0);
			case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.CLOB -> "R4";
			default -> 0;
		};
	}
}
