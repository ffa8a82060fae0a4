package no.dokumentdeling.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.DpopFilter;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A server starting on an empty database serves {@code /fhir} only once it can answer every transaction: while it
 * starts, ITI-65 gets 503 (or no connection), never a 500; the moment readiness says UP, an ITI-65 publication is
 * stored.
 */
public abstract class ReadyOnFreshDatabaseContract {

	private static final Duration STARTUP = Duration.ofMinutes(8);

	protected abstract TestDatabase freshDatabase();

	@Test
	void iti65PostedTheMomentReadinessIsUpIsStoredAndNothingBeforeGetsA500() throws Exception {
		int port = freePort();
		String base = "http://127.0.0.1:" + port;
		CompletableFuture<TestServer> starting = CompletableFuture.supplyAsync(
				() -> TestServer.start(freshDatabase(), Map.of("server.port", String.valueOf(port))));
		List<String> whileStarting = new ArrayList<>();
		TestServer server = null;
		try {
			long deadline = System.nanoTime() + STARTUP.toNanos();
			while (status(() -> given().baseUri(base).get("/readyz")) != 200) {
				assertThat(System.nanoTime()).as("ready within " + STARTUP).isLessThan(deadline);
				if (starting.isCompletedExceptionally()) {
					starting.join();
				}
				int publishing = status(() -> publish(base, SyntheticFodselsnummer.next()));
				if (publishing != 0) {
					whileStarting.add(String.valueOf(publishing));
				}
				Thread.sleep(20);
			}
			String fnr = SyntheticFodselsnummer.next();
			Response published = publish(base, fnr);

			assertThat(published.statusCode()).as(published.asString()).isEqualTo(200);
			assertThat(whileStarting).as("answers to ITI-65 while the server started").allMatch(s -> s.equals("503") || s.equals("200"));
			server = starting.join();
			assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server.asReader(), fnr, ""))).hasSize(1);
		} finally {
			(server != null ? server : starting.join()).close();
		}
	}

	private static Response publish(String base, String fnr) {
		DpopKey key = DpopKey.generate();
		RequestSpecification source = given().baseUri(base + "/fhir")
				.filter(new DpopFilter(TestIssuer.dpop().source().boundTo(key).build(), key));
		return source.contentType("application/fhir+json").body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json()).post();
	}

	/** The status of the answer, or 0 while nothing listens on the port yet. */
	private static int status(java.util.function.Supplier<Response> request) {
		try {
			return request.get().statusCode();
		} catch (Exception notListening) {
			// REST Assured throws the ConnectException itself, unchecked.
			if (notListening instanceof IOException || notListening.getCause() instanceof IOException) {
				return 0;
			}
			throw new IllegalStateException(notListening);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
