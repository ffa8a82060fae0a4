package no.dokumentdeling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rule "a publication and its record commit together": when the ITI-65 AuditEvent cannot be stored, nothing of the
 * bundle is stored and the source gets a 5xx OperationOutcome. A PostgreSQL trigger refuses AuditEvent rows; it lives
 * in a database of this test's own, so no other test's server sees it.
 */
class PublicationWithItsRecordTest {

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start(TestDatabase.postgres());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void publicationWhoseRecordCannotBeWrittenStoresNothing() throws SQLException {
		String fnr = SyntheticFodselsnummer.next();
		String bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().json();
		long documentsBefore = count("SELECT count(*) FROM hfj_resource WHERE res_type IN ('DocumentReference', 'Binary', 'List', 'Patient')");
		long blobsBefore = count("SELECT count(*) FROM hfj_binary_storage_blob");

		Response refused;
		execute("CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit storage unavailable'; END $$ LANGUAGE plpgsql",
				"CREATE TRIGGER refuse_audit BEFORE INSERT ON dd_audit_event FOR EACH ROW EXECUTE FUNCTION refuse_audit()");
		try {
			refused = server.asSource().contentType("application/fhir+json").body(bundle).post();
		} finally {
			execute("DROP TRIGGER refuse_audit ON dd_audit_event", "DROP FUNCTION refuse_audit()");
		}

		assertThat(refused.statusCode()).as(refused.asString()).isBetween(500, 599);
		assertThat(refused.asString()).contains("OperationOutcome").doesNotContain("DocumentReference/");
		assertThat(count("SELECT count(*) FROM hfj_resource WHERE res_type IN ('DocumentReference', 'Binary', 'List', 'Patient')"))
				.as("no resource of the bundle stored").isEqualTo(documentsBefore);
		assertThat(count("SELECT count(*) FROM hfj_binary_storage_blob")).as("no document bytes stored").isEqualTo(blobsBefore);
		assertThat(server.asReader().get("/DocumentReference?patient.identifier=" + fnr).then().statusCode(200)
				.extract().jsonPath().getList("entry")).as("nothing found by search").isNullOrEmpty();

		// The source's retry is a first publication (not a 409), and it is stored with its record.
		String location = server.asSource().contentType("application/fhir+json").body(bundle).post()
				.then().statusCode(200).extract().jsonPath().getString("entry[2].response.location");
		String documentId = location.substring(0, location.indexOf("/_history"));
		List<io.restassured.path.json.JsonPath> records = AuditRecords.search(server, "entity=" + documentId + "&subtype=ITI-65");
		assertThat(records).hasSize(1);
		assertThat(records.get(0).getString("outcome")).isEqualTo("0");
	}

	private static long count(String sql) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void execute(String... statements) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static Connection connect() throws SQLException {
		TestDatabase database = server.database();
		return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
	}
}
