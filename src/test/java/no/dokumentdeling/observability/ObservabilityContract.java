package no.dokumentdeling.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.tracing.Tracer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator sees: one JSON log line per request with its correlation ids and no national id in any line,
 * refusals as WARN lines with their rule and never as ERROR, the domain metrics on the management port, and NHN's
 * {@code /ping} and {@code /pingauth}. The log is captured from the console of the shared server, whichever test
 * started it; only lines written during the test are read.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class ObservabilityContract {

	private static final Pattern ELEVEN_DIGITS = Pattern.compile("\\b\\d{11}\\b");

	protected abstract TestServer server();

	@Test
	void requestLineCarriesNhnEventIdRequestIdTransactionStatusAndDuration(CapturedOutput output) throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		Published.by(server(), ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		String eventId = UUID.randomUUID().toString();

		Response search = server().asReader().header(EventId.HEADER, eventId).get(byIdentifier(fnr));

		assertThat(search.statusCode()).isEqualTo(200);
		String requestId = search.header(RequestLogFilter.REQUEST_ID_HEADER);
		assertThat(requestId).isNotBlank();
		JsonNode line = new CapturedLog(output).requestLine(requestId);
		assertThat(line.path("nhn-event-id").asText()).isEqualTo(eventId);
		assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
		assertThat(line.path("mhd").path("transaction").asText()).isEqualTo("ITI-67");
		assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(200);
		assertThat(line.path("event").path("duration_ms").isNumber()).isTrue();
		assertThat(line.path("url").path("path").asText()).isEqualTo("/fhir/DocumentReference");
		assertThat(line.toString()).as("no query string").doesNotContain("patient.identifier").doesNotContain(fnr);
	}

	@Test
	void anInvalidNhnEventIdIsLoggedAsInvalidNotAsSent(CapturedOutput output) throws Exception {
		Response response = server().request().header(EventId.HEADER, "<script>alert(1)</script>").get("/metadata");

		JsonNode line = new CapturedLog(output).requestLine(response.header(RequestLogFilter.REQUEST_ID_HEADER));
		assertThat(line.path("nhn-event-id").asText()).isEqualTo(EventId.INVALID);
		assertThat(output.getAll()).doesNotContain("<script>");
	}

	@Test
	void walkthroughLeavesNoFodselsnummerOrDNummerInTheLog(CapturedOutput output) throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		String dnr = SyntheticFodselsnummer.nextDNummer();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		Published published = Published.by(server(), bundle);
		Published.by(server(), ProvideBundleBuilder.forSubject(new Reference().setIdentifier(
				new Identifier().setSystem(IdentifierSystems.D_NUMMER).setValue(dnr))).withEpikrise());

		server().asReader().get(byIdentifier(fnr)).then().statusCode(200);
		server().asReader().get("/DocumentReference?patient.identifier=" + IdentifierSystems.D_NUMMER + "|" + dnr).then().statusCode(200);
		server().asReader().get("/DocumentReference?patient.identifier=" + fnr).then().statusCode(200);
		server().asReader().accept("application/pdf").get("/Binary/" + published.binaryIds().get(0)).then().statusCode(200);
		server().asReader().get("/DocumentReference/" + published.documentIds().get(1)).then().statusCode(404);
		server().asCitizen(fnr).urlEncodingEnabled(false).get("/$innsynslogg").then().statusCode(200);
		// Refused ITI-65s whose messages name the number: an unknown document type, a fødselsnummer that is not one.
		publish(ProvideBundleBuilder.forPatient(fnr).withDocument("C00-1", "C01-2", "text/plain", "Lab.".getBytes())).then().statusCode(422);
		String wrong = SyntheticFodselsnummer.withWrongCheckDigit(fnr);
		publish(ProvideBundleBuilder.forPatient(wrong).withEpikrise()).then().statusCode(422);
		Response last = server().asCitizen(dnr).get("/DocumentReference?patient.identifier=" + fnr);
		new CapturedLog(output).requestLine(last.header(RequestLogFilter.REQUEST_ID_HEADER));

		String log = output.getAll();
		assertThat(log).doesNotContain(fnr).doesNotContain(dnr).doesNotContain(wrong);
		assertThat(ELEVEN_DIGITS.matcher(log).results().map(m -> m.group()).toList()).isEmpty();
		assertThat(log).as("the access tokens").doesNotContain("eyJ");
	}

	@Test
	void aRefusalIsOneWarnLineWithItsStatusRuleAndEventIdAndNeverAnError(CapturedOutput output) throws Exception {
		String eventId = UUID.randomUUID().toString();
		String fnr = SyntheticFodselsnummer.next();
		Response refused = server().asSource().header(EventId.HEADER, eventId).contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr).withDocument("C00-1", "C01-2", "text/plain", "Lab.".getBytes()).json())
				.post();
		assertThat(refused.statusCode()).isEqualTo(422);
		server().asReader().delete("/DocumentReference/1").then().statusCode(405);
		server().asReader().get("/DocumentReference/does-not-exist").then().statusCode(404);
		server().asReader().get("/Observation").then().statusCode(404);
		Response unknownMethod = server().asReader().request("PROPFIND", "/DocumentReference");
		assertThat(unknownMethod.statusCode()).isEqualTo(405);
		server().request().get("/DocumentReference?patient.identifier=" + fnr).then().statusCode(401);
		server().asCitizen(fnr).get(byIdentifier(SyntheticFodselsnummer.next())).then().statusCode(403);
		Response last = server().asSource().contentType("application/fhir+json").body("{\"resourceType\": \"Bundle\", ").post();
		assertThat(last.statusCode()).isEqualTo(400);

		CapturedLog log = new CapturedLog(output);
		JsonNode line = log.requestLine(refused.header(RequestLogFilter.REQUEST_ID_HEADER));
		log.requestLine(last.header(RequestLogFilter.REQUEST_ID_HEADER));
		JsonNode unknownMethodLine = log.requestLine(unknownMethod.header(RequestLogFilter.REQUEST_ID_HEADER));
		assertThat(unknownMethodLine.path("http").path("response").path("status_code").asInt()).isEqualTo(405);
		assertThat(unknownMethodLine.path("log").path("level").asText()).isEqualTo("WARN");
		assertThat(line.path("log").path("level").asText()).isEqualTo("WARN");
		assertThat(line.path("refusal").path("rule").asText()).isEqualTo("document-type-policy");
		assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(422);
		assertThat(line.path("mhd").path("transaction").asText()).isEqualTo("ITI-65");
		assertThat(line.path("nhn-event-id").asText()).isEqualTo(eventId);
		assertThat(log.lines()).filteredOn(l -> eventId.equals(l.path("nhn-event-id").asText()))
				.as("one line for the refused request").hasSize(1);
		assertThat(log.lines()).extracting(l -> l.path("log").path("level").asText()).doesNotContain("ERROR");
		assertThat(log.lines()).filteredOn(l -> l.has("error")).as("no stack trace").isEmpty();
	}

	@Test
	void prometheusOnTheManagementPortCountsRefusalsHiddenDocumentsAndEmergencyAccess() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		Scrape before = Scrape.of(server());

		publish(ProvideBundleBuilder.forPatient(fnr).withDocument("C00-1", "C01-2", "text/plain", "Lab.".getBytes())).then().statusCode(422);
		Published published = Published.by(server(), bundle);
		server().asReader().get(byIdentifier(fnr)).then().statusCode(200);
		RequestSpecification emergency = server().with(TestIssuer.dpop().gp()
				.claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT")))).header("nhn-access-basis", "akutt");
		emergency.accept("application/pdf").get("/Binary/" + published.binaryIds().get(1)).then().statusCode(200);
		server().request().get(byIdentifier(fnr)).then().statusCode(401);
		server().request().header("Authorization", "DPoP " + TestIssuer.dpop().gp().build()).get(byIdentifier(fnr))
				.then().statusCode(401);

		Scrape after = Scrape.of(server());
		assertThat(delta(before, after, "dokumentdeling_iti65_refused_total", "rule=\"document-type-policy\"")).isEqualTo(1);
		assertThat(delta(before, after, "dokumentdeling_iti65_accepted_total", null)).isEqualTo(1);
		assertThat(delta(before, after, "dokumentdeling_documents_hidden_total", "reason=\"nors\"")).isEqualTo(1);
		assertThat(delta(before, after, "dokumentdeling_emergency_accesses_total", "transaction=\"ITI-68\"")).isEqualTo(1);
		assertThat(delta(before, after, "dokumentdeling_authentication_refused_total", "reason=\"no_token\"")).isEqualTo(1);
		assertThat(delta(before, after, "dokumentdeling_authentication_refused_total", "reason=\"invalid_dpop_proof\"")).isEqualTo(1);
		assertThat(delta(before, after, "dokumentdeling_audit_write_seconds_count", "outcome=\"stored\"")).isGreaterThanOrEqualTo(4);
		assertThat(List.of("jvm_memory_used_bytes", "tomcat_sessions_active_current_sessions", "jdbc_connections_active",
				"http_server_requests_seconds_count")).allMatch(after::has);
		// The pool is HikariCP, the one spring.datasource.hikari.* configures (20 connections per replica).
		assertThat(List.of("hikaricp_connections_active", "hikaricp_connections_pending", "hikaricp_connections_timeout_total"))
				.allMatch(after::has);
		assertThat(after.value("hikaricp_connections_max", null)).isEqualTo(20.0);
	}

	@Test
	void withoutOtelVariablesThereIsNoTracerSoTracingCostsNothing(CapturedOutput output) throws Exception {
		assertThatThrownBy(() -> server().bean(Tracer.class)).isInstanceOf(NoSuchBeanDefinitionException.class);

		Response response = server().request().get("/metadata");
		JsonNode line = new CapturedLog(output).requestLine(response.header(RequestLogFilter.REQUEST_ID_HEADER));
		assertThat(line.has("traceId")).isFalse();
	}

	@Test
	void metricsAreNotOnTheApiPort() {
		assertThat(given().baseUri(root()).get("/actuator/prometheus").statusCode()).isNotEqualTo(200);
	}

	@Test
	void pingAnswersAnyone() {
		given().baseUri(root()).get("/ping").then().statusCode(200).contentType("application/json")
				.body("status", org.hamcrest.Matchers.equalTo("ok"));
	}

	@Test
	void pingAuthNeedsAValidHelseIdTokenWithItsDpopProofAndSaysWhomItSees() {
		Response anonymous = given().baseUri(root()).get("/pingauth");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().getValues("WWW-Authenticate")).anyMatch(challenge -> challenge.startsWith("DPoP"));
		given().baseUri(root()).header("Authorization", "DPoP " + TestIssuer.dpop().gp().build()).get("/pingauth")
				.then().statusCode(401);

		Response seen = server().asReader().baseUri(root()).get("/pingauth");

		assertThat(seen.statusCode()).as(seen.asString()).isEqualTo(200);
		assertThat(seen.jsonPath().getString("caller.issuer")).isEqualTo(TestIssuer.dpop().issuer());
		assertThat(seen.jsonPath().getString("caller.hprNumber")).isNotBlank();
		assertThat(seen.jsonPath().getBoolean("caller.dpopBound")).isTrue();
	}

	private Response publish(ProvideBundleBuilder bundle) {
		return server().asSource().contentType("application/fhir+json").body(bundle.json()).post();
	}

	private String root() {
		return "http://127.0.0.1:" + server().port();
	}

	private static String byIdentifier(String fnr) {
		return "/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr;
	}

	private static double delta(Scrape before, Scrape after, String name, String label) {
		return after.value(name, label) - before.value(name, label);
	}
}
