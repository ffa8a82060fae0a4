package no.dokumentdeling.audit;

import static no.dokumentdeling.audit.AuditRecords.detail;
import static no.dokumentdeling.audit.AuditRecords.publish;
import static no.dokumentdeling.audit.AuditRecords.query;
import static no.dokumentdeling.audit.AuditRecords.search;
import static no.dokumentdeling.audit.AuditRecords.since;
import static no.dokumentdeling.audit.AuditRecords.single;
import static no.dokumentdeling.audit.AuditRecords.withEventId;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * MHD calls refused before HAPI runs (no token, a bad token or DPoP proof, a malformed Authorization) are audited
 * too: as failed logins at that transaction, by an unauthenticated caller, with what the server knows and nothing
 * the token claims.
 */
class RefusedRequestAuditTest {

	private final TestServer server = SharedServers.h2();

	@Test
	void ruleAudit_unauthenticatedSearchIsAuditedAsDenied() {
		AuditRecords.Published published = publish(server, SyntheticFodselsnummer.next());
		String eventId = UUID.randomUUID().toString();

		server.request().header("nhn-event-id", eventId).header("nhn-source-system", "Legekontor EPJ 3.1")
				.get("/DocumentReference?patient.identifier=" + published.fnr() + "&status=current")
				.then().statusCode(401);

		JsonPath event = single(withEventId(server, "patient=" + published.patientId() + "&subtype=ITI-67&outcome=4", eventId));
		assertThat(event.getString("type.code")).isEqualTo(UnauthenticatedAttemptEvents.USER_AUTHENTICATION);
		assertThat(event.getList("subtype.code")).containsExactlyInAnyOrder(UnauthenticatedAttemptEvents.LOGIN, "ITI-67");
		assertThat(event.getString("action")).isEqualTo("E");
		assertThat(event.getString("outcomeDesc")).startsWith("401 no_token");
		assertThat(event.getList("agent")).hasSize(1);
		assertThat(event.getBoolean("agent[0].requestor")).isTrue();
		assertThat(event.getString("agent[0].who.display")).isEqualTo(AuditEventFactory.UNAUTHENTICATED);
		assertThat(event.getString("agent[0].who.identifier")).isNull();
		assertThat(event.getString("agent[0].network.address")).isEqualTo("127.0.0.1");
		assertThat(event.getList("entity.what.reference")).contains(published.patientId());
		assertThat(query(event)).contains("patient.identifier=" + published.fnr()).contains("status=current");
		assertThat(detail(event, "request")).isEqualTo("GET /fhir/DocumentReference");
		assertThat(detail(event, "nhn-source-system")).isEqualTo("Legekontor EPJ 3.1");
	}

	@Test
	void ruleAudit_expiredTokenIsAuditedWithoutTrustingItsClaims() {
		Instant start = Instant.now();
		String eventId = UUID.randomUUID().toString();
		DpopKey key = DpopKey.generate();
		String expired = TestIssuer.dpop().gp().expiresAt(Instant.now().minus(Duration.ofMinutes(10))).boundTo(key).build();

		server.withDpop(expired, key).header("nhn-event-id", eventId)
				.get("/DocumentReference?patient.identifier=" + SyntheticFodselsnummer.next()).then().statusCode(401);

		JsonPath event = single(withEventId(server, "type=" + UnauthenticatedAttemptEvents.USER_AUTHENTICATION
				+ "&subtype=ITI-67&date=ge" + since(start), eventId));
		assertThat(event.getString("outcome")).isEqualTo("4");
		assertThat(event.getString("outcomeDesc")).startsWith("401 invalid_token").containsIgnoringCase("expired");
		assertThat(event.getString("agent[0].who.display")).isEqualTo(AuditEventFactory.UNAUTHENTICATED);
		assertThat(event.prettify()).as("nothing of the token: not the person, the client or the organisation")
				.doesNotContain("565505933").doesNotContain("Kari Lege").doesNotContain("dokumentdeling-test-gp-epj")
				.doesNotContain("912345678").doesNotContain("TREAT");
	}

	@Test
	void ruleAudit_badDpopProofIsAudited() {
		AuditRecords.Published published = publish(server, SyntheticFodselsnummer.next());
		Instant start = Instant.now();
		String eventId = UUID.randomUUID().toString();
		DpopKey key = DpopKey.generate();
		String token = TestIssuer.dpop().gp().boundTo(key).build();
		String proofForAnotherMethod = key.proofFor("POST", server.baseUrl() + "/" + published.binaryId(), token).build();

		server.request().header("Authorization", "DPoP " + token).header("DPoP", proofForAnotherMethod)
				.header("nhn-event-id", eventId).accept("application/pdf").get("/" + published.binaryId())
				.then().statusCode(401);

		JsonPath event = single(withEventId(server, "subtype=ITI-68&outcome=4&date=ge" + since(start), eventId));
		assertThat(event.getString("type.code")).isEqualTo(UnauthenticatedAttemptEvents.USER_AUTHENTICATION);
		assertThat(event.getString("outcomeDesc")).startsWith("401 invalid_dpop_proof");
		assertThat(detail(event, "request")).isEqualTo("GET /fhir/" + published.binaryId());
		assertThat(event.prettify()).doesNotContain("565505933").doesNotContain("Kari Lege");
	}

	@Test
	void ruleAudit_malformedAuthorizationIsAuditedAsDenied() {
		Instant start = Instant.now();
		String eventId = UUID.randomUUID().toString();

		server.request().header("Authorization", "Basic dXNlcjpwYXNzd29yZA==").header("nhn-event-id", eventId)
				.get("/List?patient.identifier=" + SyntheticFodselsnummer.next() + "&code=submissionset")
				.then().statusCode(400);

		JsonPath event = single(withEventId(server, "subtype=ITI-66&date=ge" + since(start), eventId));
		assertThat(event.getString("outcome")).isEqualTo("4");
		assertThat(event.getString("outcomeDesc")).startsWith("400 invalid_request");
	}

	@Test
	void ruleAudit_unauthenticatedPublishIsAuditedAsAttemptAtIti65() {
		Instant start = Instant.now();
		String eventId = UUID.randomUUID().toString();
		String bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json();

		server.request().header("nhn-event-id", eventId).contentType("application/fhir+json").body(bundle).post()
				.then().statusCode(401);

		JsonPath event = single(withEventId(server, "subtype=ITI-65&date=ge" + since(start), eventId));
		assertThat(event.getString("type.code")).isEqualTo(UnauthenticatedAttemptEvents.USER_AUTHENTICATION);
		assertThat(detail(event, "request")).isEqualTo("POST /fhir");
		assertThat(query(event)).isNull();
	}

	@Test
	void ruleAudit_nonMhdPathIsNotAudited() {
		Instant start = Instant.now();
		String notMhd = UUID.randomUUID().toString();
		String mhd = UUID.randomUUID().toString();

		server.request().header("nhn-event-id", notMhd).get("/Patient?identifier=" + SyntheticFodselsnummer.next())
				.then().statusCode(401);
		server.request().header("nhn-event-id", notMhd).get("/AuditEvent").then().statusCode(401);
		server.request().header("nhn-event-id", notMhd).get("/DocumentReference/123/_history/1").then().statusCode(401);
		server.request().header("nhn-event-id", notMhd).contentType("application/fhir+json")
				.body("{\"resourceType\":\"List\"}").post("/List").then().statusCode(401);
		server.request().header("nhn-event-id", mhd).get("/DocumentReference/123").then().statusCode(401);
		// POST DocumentReference is ITI-105 Simplified Publish.
		String simplifiedPublish = UUID.randomUUID().toString();
		server.request().header("nhn-event-id", simplifiedPublish).contentType("application/fhir+json")
				.body("{\"resourceType\":\"DocumentReference\"}").post("/DocumentReference").then().statusCode(401);

		List<JsonPath> recorded = search(server, "date=ge" + since(start));
		assertThat(recorded.stream().map(event -> detail(event, "nhn-event-id")))
				.as("the MHD read and publication are recorded, the other refusals are not")
				.contains(mhd, simplifiedPublish).doesNotContain(notMhd);
	}

	@Test
	void ruleAudit_innsynsloggLeavesOutUnauthenticatedAttempts() {
		String fnr = SyntheticFodselsnummer.next();
		AuditRecords.Published published = publish(server, fnr);
		server.asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
		String eventId = UUID.randomUUID().toString();
		server.request().header("nhn-event-id", eventId).get("/DocumentReference?patient.identifier=" + fnr)
				.then().statusCode(401);
		assertThat(withEventId(server, "patient=" + published.patientId(), eventId))
				.as("the auditor sees the attempt on this patient").hasSize(1);

		Response log = server.asCitizen(fnr).urlEncodingEnabled(false).get("/$innsynslogg");
		assertThat(log.statusCode()).as(log.asString()).isEqualTo(200);
		assertThat(log.jsonPath().getList("entry")).as("only the GP's search").hasSize(1);
		assertThat(log.jsonPath().getString("entry[0].resource.agent[0].who.display")).isEqualTo("Kari Lege");
		assertThat(log.asString()).doesNotContain(AuditEventFactory.UNAUTHENTICATED);
	}

	@Test
	void ruleAudit_refusalStaysTheSameWhenItsAuditCannotBeWritten() throws Exception {
		TestServer postgres = SharedServers.postgres();
		String eventId = UUID.randomUUID().toString();
		Instant start = Instant.now();
		try (Connection connection = DriverManager.getConnection(postgres.database().jdbcUrl(),
				postgres.database().username(), postgres.database().password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE FUNCTION refuse_refusal_audit() RETURNS trigger AS $$ BEGIN "
					+ "RAISE EXCEPTION 'audit storage unavailable'; END $$ LANGUAGE plpgsql");
			statement.execute("CREATE TRIGGER refuse_refusal_audit BEFORE INSERT ON dd_audit_event FOR EACH ROW "
					+ "EXECUTE FUNCTION refuse_refusal_audit()");
			try {
				Response refused = postgres.request().header("nhn-event-id", eventId)
						.get("/DocumentReference?patient.identifier=" + SyntheticFodselsnummer.next());
				assertThat(refused.statusCode()).isEqualTo(401);
				assertThat(refused.headers().getValues("WWW-Authenticate")).anyMatch(challenge -> challenge.startsWith("DPoP "));
				assertThat(refused.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
			} finally {
				statement.execute("DROP TRIGGER refuse_refusal_audit ON dd_audit_event");
				statement.execute("DROP FUNCTION refuse_refusal_audit()");
			}
		}
		assertThat(withEventId(postgres, "subtype=ITI-67&date=ge" + since(start), eventId)).isEmpty();

		String afterwards = UUID.randomUUID().toString();
		postgres.request().header("nhn-event-id", afterwards).get("/DocumentReference/123").then().statusCode(401);
		assertThat(withEventId(postgres, "subtype=ITI-67&date=ge" + since(start), afterwards))
				.as("with its storage back, the trail records refusals again").hasSize(1);
	}
}
