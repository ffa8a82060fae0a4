package no.dokumentdeling.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops under load and comes back on the same data directory and port, while the server keeps running:
 * calls get 503 with an OperationOutcome within three seconds (never a 500, never a hang), readiness is DOWN and
 * liveness UP during the outage, the server recovers by itself, and every publication it acknowledged is there.
 */
class DatabaseOutageTest {

	/**
	 * HikariCP waits its whole connection timeout (1.5 s, application.yaml) even when the database refuses at once;
	 * the rest is the request's own work on a busy build machine.
	 */
	private static final Duration ANSWER_WITHIN = Duration.ofMillis(3000);

	private Path dataDirectory;
	private int port;
	private EmbeddedPostgres postgres;
	private TestServer server;
	private final ExecutorService load = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() throws IOException {
		load.shutdownNow();
		if (server != null) server.close();
		if (postgres != null) postgres.close();
	}

	@Test
	void outageGets503AndReadinessDownThenRecoversWithoutRestartAndLosesNothingAcknowledged() throws Exception {
		dataDirectory = Files.createTempDirectory("dokumentdeling-outage-pg");
		port = freePort();
		postgres = startPostgres();
		try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE outage");
		}
		server = TestServer.start(new TestDatabase("PostgreSQL", postgres.getJdbcUrl("postgres", "outage"), "postgres", "postgres").migrated());

		AtomicBoolean running = new AtomicBoolean(true);
		Map<String, Set<String>> acknowledged = new ConcurrentHashMap<>();
		List<String> wrongAnswers = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 2; i++) {
			String fnr = SyntheticFodselsnummer.next();
			acknowledged.put(fnr, ConcurrentHashMap.newKeySet());
			load.submit(() -> publishWhile(running, fnr, acknowledged.get(fnr), wrongAnswers));
			load.submit(() -> searchWhile(running, fnr, wrongAnswers));
		}
		// The load runs until each patient has an acknowledged publication: the first calls of a JVM are slow (the
		// HTTP client's and the server's first use), and the outage is to hit a server that is already answering.
		awaitAcknowledged(acknowledged, Duration.ofSeconds(90));

		postgres.close();
		postgres = null;
		long started = System.nanoTime();
		Response during = server.asReader().get("/DocumentReference?patient.identifier=" + acknowledged.keySet().iterator().next());
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(during.statusCode()).as(during.asString()).isEqualTo(503);
		assertThat(during.asString()).contains("OperationOutcome");
		assertThat(during.header("Retry-After")).isNotBlank();
		assertThat(took).isLessThan(ANSWER_WITHIN);
		Response publishDuring = server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json()).post();
		assertThat(publishDuring.statusCode()).as(publishDuring.asString()).isEqualTo(503);
		assertThat(probe("readiness")).isEqualTo(503);
		assertThat(probe("liveness")).isEqualTo(200);
		Thread.sleep(1000);

		postgres = startPostgres();
		assertThat(awaitReady(Duration.ofSeconds(30))).as("readiness UP again without a restart").isTrue();
		running.set(false);
		load.shutdown();
		assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		assertThat(wrongAnswers).as("answers other than 200 or 503 with an OperationOutcome").isEmpty();
		for (Map.Entry<String, Set<String>> patient : acknowledged.entrySet()) {
			assertThat(patient.getValue()).as("publications acknowledged before the outage").isNotEmpty();
			Response found = DocumentSearches.byPatient(server.asReader(), patient.getKey(), "&_count=200");
			assertThat(DocumentSearches.ids(found)).containsAll(patient.getValue());
		}
	}

	private void publishWhile(AtomicBoolean running, String fnr, Set<String> acknowledged, List<String> wrongAnswers) {
		while (running.get()) {
			Response response = call(() -> server.asSource().contentType("application/fhir+json")
					.body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json()).post(), wrongAnswers);
			if (response != null && response.statusCode() == 200) {
				for (String location : response.jsonPath().getList("entry.response.location", String.class)) {
					if (location.startsWith("DocumentReference/")) {
						acknowledged.add(location.split("/")[1]);
					}
				}
			}
		}
	}

	private void searchWhile(AtomicBoolean running, String fnr, List<String> wrongAnswers) {
		while (running.get()) {
			call(() -> server.asReader().get("/DocumentReference?patient.identifier=" + fnr), wrongAnswers);
		}
	}

	private static Response call(java.util.function.Supplier<Response> request, List<String> wrongAnswers) {
		try {
			Response response = request.get();
			boolean ok = response.statusCode() == 200
					|| response.statusCode() == 503 && response.asString().contains("OperationOutcome");
			if (!ok) {
				wrongAnswers.add(response.statusCode() + " " + response.asString());
			}
			return response;
		} catch (AssertionError | RuntimeException e) {
			wrongAnswers.add(String.valueOf(e.getMessage()));
			return null;
		}
	}

	private static void awaitAcknowledged(Map<String, Set<String>> acknowledged, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (acknowledged.values().stream().anyMatch(Set::isEmpty)) {
			assertThat(System.nanoTime()).as("a publication acknowledged for each patient before the outage").isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private int probe(String group) {
		return given().baseUri("http://127.0.0.1:" + server.managementPort()).get("/actuator/health/" + group).statusCode();
	}

	private boolean awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (probe("readiness") == 200) {
				return true;
			}
			Thread.sleep(200);
		}
		return false;
	}

	private EmbeddedPostgres startPostgres() throws IOException {
		return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setPort(port).setCleanDataDirectory(false).start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
