package no.dokumentdeling.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import no.dokumentdeling.testsupport.DpopFilter;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import org.junit.jupiter.api.Test;

/**
 * Rule "no document without its record" under a crash: a server in its own process on PostgreSQL is killed with
 * SIGKILL while a few sources publish. After a restart on the same database every stored DocumentReference has its
 * ITI-65 AuditEvent, and every bundle the server acknowledged is stored whole.
 */
class PublicationCrashTest {

	private static final int CLIENTS = 3;
	/** The kill comes once this many bundles are acknowledged, so that it lands under load and not during warm-up. */
	private static final int ACKNOWLEDGED_BEFORE_KILL = 6;
	/** How long the load goes on after that, so that the kill cuts transactions off in flight. */
	private static final Duration LOAD_AFTER_WARM_UP = Duration.ofSeconds(3);
	/** The first bundles load the R4 validator's definitions: slow on a loaded machine, but bounded. */
	private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(4);

	/** The resources (Type/id) an acknowledged bundle stored, by its transaction-response. */
	private record Acknowledged(List<String> resources) {}

	@Test
	void everyStoredDocumentHasItsRecordAfterSigkill() throws Exception {
		TestDatabase database = TestDatabase.postgres();
		ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
		ServerProcess server = start(database);
		try {
			AtomicBoolean running = new AtomicBoolean(true);
			CountDownLatch clientsDone = new CountDownLatch(CLIENTS);
			for (int c = 0; c < CLIENTS; c++) {
				Thread client = new Thread(() -> {
					try {
						while (running.get()) {
							publishOne(server, acknowledged);
						}
					} finally {
						clientsDone.countDown();
					}
				});
				client.setDaemon(true);
				client.start();
			}
			long warmUpEnds = System.nanoTime() + WARM_UP_LIMIT.toNanos();
			while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < warmUpEnds) {
				Thread.sleep(100);
			}
			Thread.sleep(LOAD_AFTER_WARM_UP.toMillis());
			server.kill();
			running.set(false);
			clientsDone.await();
		} finally {
			server.close();
		}
		assertThat(acknowledged).as("bundles acknowledged before the kill").isNotEmpty();

		ServerProcess restarted = start(database);
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
			for (Acknowledged bundle : acknowledged) {
				for (String resource : bundle.resources()) {
					assertThat(stored(connection, resource)).as("acknowledged %s stored", resource).isTrue();
				}
			}
			List<String> documents = documentIds(connection);
			assertThat(documents).as("at least every acknowledged document").hasSizeGreaterThanOrEqualTo(acknowledged.size());
			for (String document : documents) {
				JsonPath records = with(restarted, TestIssuer.dpop().auditor())
						.get("/AuditEvent?subtype=ITI-65&entity=DocumentReference/" + document)
						.then().statusCode(200).extract().jsonPath();
				assertThat(records.getList("entry")).as("the ITI-65 record of DocumentReference/%s", document).hasSize(1);
			}
		} finally {
			restarted.close();
		}
	}

	private static ServerProcess start(TestDatabase database) throws Exception {
		return ServerProcess.start(database, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), Map.of("logging.level.root", "WARN"), ServerProcess.PATIENCE);
	}

	/** One ITI-65 for a new patient; an acknowledged one is remembered with what it stored. */
	private static void publishOne(ServerProcess server, ConcurrentLinkedQueue<Acknowledged> acknowledged) {
		try {
			Response response = with(server, TestIssuer.dpop().source()).contentType("application/fhir+json")
					.body(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json()).post();
			if (response.statusCode() == 200) {
				List<String> locations = response.jsonPath().getList("entry.response.location");
				acknowledged.add(new Acknowledged(locations.stream().map(l -> l.substring(0, l.indexOf("/_history"))).toList()));
			}
		} catch (RuntimeException connectionLost) {
			// The kill cut this request off: not acknowledged.
		}
	}

	private static RequestSpecification with(ServerProcess server, TestIssuer.Token token) {
		DpopKey key = DpopKey.generate();
		return given().baseUri(server.baseUrl()).filter(new DpopFilter(token.boundTo(key).build(), key));
	}

	private static boolean stored(Connection connection, String resource) throws SQLException {
		String[] parts = resource.split("/");
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT count(*) FROM hfj_resource WHERE res_type = ? AND fhir_id = ? AND res_deleted_at IS NULL")) {
			statement.setString(1, parts[0]);
			statement.setString(2, parts[1]);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1) == 1;
			}
		}
	}

	private static List<String> documentIds(Connection connection) throws SQLException {
		List<String> ids = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT fhir_id FROM hfj_resource WHERE res_type = 'DocumentReference' AND res_deleted_at IS NULL");
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}
}
