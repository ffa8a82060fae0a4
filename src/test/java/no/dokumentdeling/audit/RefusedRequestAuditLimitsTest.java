package no.dokumentdeling.audit;

import static no.dokumentdeling.audit.AuditRecords.detail;
import static no.dokumentdeling.audit.AuditRecords.search;
import static no.dokumentdeling.audit.AuditRecords.since;
import static no.dokumentdeling.audit.AuditRecords.single;
import static no.dokumentdeling.audit.AuditRecords.withEventId;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server of its own with small limits: 3 records of unauthenticated failures per source (the budget does not
 * refill within the test), a summary every second, uploads up to 1 MB.
 */
class RefusedRequestAuditLimitsTest {

	private static final int PER_SOURCE = 3;

	private static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start(TestDatabase.h2(), Map.of(
				"dokumentdeling.audit.unauthenticated-failures.per-source", String.valueOf(PER_SOURCE),
				"dokumentdeling.audit.unauthenticated-failures.total", "1000",
				"dokumentdeling.audit.unauthenticated-failures.period", "1h",
				"dokumentdeling.audit.unauthenticated-failures.summary-interval", "1s",
				"dokumentdeling.storage.max-upload-size", "1MB"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void ruleAudit_floodOfUnauthenticatedFailuresIsSummarised() throws InterruptedException {
		Instant start = Instant.now();
		int sent = 10;
		for (int i = 0; i < sent; i++) {
			Response refused = server.request().header("nhn-event-id", "flood-" + i).get("/DocumentReference?patient=" + i);
			assertThat(refused.statusCode()).as("every request is refused the same, recorded or not").isEqualTo(401);
			assertThat(refused.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		}

		List<JsonPath> written = search(server, "type=" + UnauthenticatedAttemptEvents.USER_AUTHENTICATION + "&date=ge" + since(start));
		assertThat(written).as("records written within the per-source limit").hasSize(PER_SOURCE);

		long summarised = 0;
		List<JsonPath> alerts = List.of();
		for (Instant deadline = Instant.now().plusSeconds(30); summarised < sent - PER_SOURCE && Instant.now().isBefore(deadline); ) {
			Thread.sleep(250);
			alerts = search(server, "type=" + SuppressionAlerts.SECURITY_ALERT + "&date=ge" + since(start));
			summarised = alerts.stream().map(alert -> detail(alert, "127.0.0.1")).filter(count -> count != null)
					.mapToLong(Long::parseLong).sum();
		}
		assertThat(summarised).as("suppressed records, counted in security alerts").isEqualTo(sent - PER_SOURCE);
		JsonPath alert = alerts.get(0);
		assertThat(alert.getString("outcome")).isEqualTo("8");
		assertThat(alert.getList("subtype.code")).containsExactly(SuppressionAlerts.SUPPRESSED);
		assertThat(alert.getList("agent.network.address")).containsExactly("127.0.0.1");
		assertThat(alert.getString("period.start")).isNotBlank();
		assertThat(alert.getString("period.end")).isNotBlank();
		assertThat(search(server, "address=127.0.0.1&type=" + SuppressionAlerts.SECURITY_ALERT + "&date=ge" + since(start)))
				.as("an auditor finds the alert by the address").isNotEmpty();
	}

	@Test
	void ruleAudit_oversizedUploadIsAuditedWithItsSource() {
		Instant start = Instant.now();
		String eventId = UUID.randomUUID().toString();
		String bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withDocument("A00-1", "A03-2", "application/pdf", randomBytes(2 * 1024 * 1024)).json();

		server.asSource().header("nhn-event-id", eventId).contentType("application/fhir+json").body(bundle).post()
				.then().statusCode(413);

		JsonPath event = single(withEventId(server, "subtype=ITI-65&outcome=4&date=ge" + since(start), eventId));
		assertThat(event.getString("type.code")).as("the transaction's own event: the source authenticated").isEqualTo("110107");
		assertThat(event.getString("outcomeDesc")).startsWith("413").contains("limit");
		assertThat(event.getList("agent.who.identifier.value")).contains("dokumentdeling-test-epj", "993467049");
	}

	@Test
	void ruleAudit_oversizedStreamedUploadIsAuditedOnce() throws Exception {
		Instant start = Instant.now();
		String eventId = UUID.randomUUID().toString();
		byte[] bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withDocument("A00-1", "A03-2", "application/pdf", randomBytes(2 * 1024 * 1024)).json()
				.getBytes(StandardCharsets.UTF_8);
		DpopKey key = DpopKey.generate();
		String token = TestIssuer.dpop().source().boundTo(key).build();

		// No length up front: the limit is found while the body is read.
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl()))
				.header("Authorization", "DPoP " + token)
				.header("DPoP", key.proof("POST", server.baseUrl(), token))
				.header("Content-Type", "application/fhir+json")
				.header("nhn-event-id", eventId)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bundle)))
				.build();
		HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10)).build()
				.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);

		JsonPath event = single(withEventId(server, "subtype=ITI-65&date=ge" + since(start), eventId));
		assertThat(event.getString("outcomeDesc")).startsWith("413");
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}
}
