package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.security.SecurityAssertions.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule "one role": a token gives its bearer exactly one role. A token whose scopes mix roles is refused at
 * authentication with 403 and an OperationOutcome, whatever else it carries (level 4, HPR number, trust framework),
 * so no role's rules are ever applied to another role's caller; the refusal is audited.
 */
abstract class OneRoleContract {

	protected abstract TestServer server();

	private Published published;

	@BeforeEach
	void publishOneDocument() {
		published = SecurityAssertions.publish(server(), SyntheticFodselsnummer.next());
	}

	/** The four reads of MHD: ITI-67, DocumentReference read, ITI-68, ITI-66. */
	private List<Function<RequestSpecification, Response>> mhdReads() {
		return List.of(
				as -> as.get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + published.fnr()),
				as -> as.get("/DocumentReference/" + published.documentId()),
				as -> as.accept("application/pdf").get("/Binary/" + published.binaryId()),
				as -> as.get("/List?patient=" + published.patientId()));
	}

	private void assertRefusedForEveryRead(TestIssuer.Token token) {
		for (Function<RequestSpecification, Response> read : mhdReads()) {
			Response response = read.apply(server().with(token));
			assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
			assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
			assertThat(response.jsonPath().getString("issue[0].code")).isEqualTo("forbidden");
			assertThat(response.jsonPath().getString("issue[0].diagnostics")).contains("exactly one role");
			assertThat(response.asString()).doesNotContain(published.documentId()).doesNotContain(published.fnr());
		}
	}

	@Test
	void ruleOneRole_mixedScopeTokenIsRefused_healthPersonnelWithCitizenScope() {
		TestIssuer issuer = TestIssuer.dpop();
		assertRefusedForEveryRead(issuer.gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT, TestIssuer.CITIZEN)
				.claim("helseid://claims/identity/pid", published.fnr()));
	}

	@Test
	void ruleOneRole_mixedScopeTokenIsRefused_kjernejournalforskriftenWithCitizenScope() {
		assertRefusedForEveryRead(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT,
				TestIssuer.KJERNEJOURNALFORSKRIFTEN, TestIssuer.CITIZEN));
	}

	@Test
	void ruleOneRole_mixedScopeTokenIsRefused_sourceAndReader() {
		assertRefusedForEveryRead(TestIssuer.dpop().gp().scope(TestIssuer.CREATE, TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT));
	}

	@Test
	void ruleOneRole_mixedScopeTokenIsRefused_auditorAndCitizen() {
		assertRefusedForEveryRead(TestIssuer.dpop().citizen(published.fnr()).scope(TestIssuer.CITIZEN, TestIssuer.AUDIT));
	}

	@Test
	void ruleOneRole_mixedScopeTokenIsRefused_andTheRefusalIsAudited() {
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
		String eventId = UUID.randomUUID().toString();
		server().with(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT, TestIssuer.CITIZEN))
				.header("nhn-event-id", eventId)
				.get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + published.fnr())
				.then().statusCode(403);

		JsonPath audit = server().with(TestIssuer.dpop().auditor())
				.get("/AuditEvent?subtype=ITI-67&outcome=4&date=ge" + start + "&_count=200")
				.then().statusCode(200).extract().jsonPath();
		List<Map<String, Object>> events = audit.getList("entry.resource");
		assertThat(events).as("audit records of refused ITI-67 calls").isNotNull();
		assertThat(events.stream().filter(event -> eventId.equals(eventIdOf(event))).toList())
				.singleElement()
				.satisfies(event -> assertThat(String.valueOf(event.get("outcomeDesc"))).startsWith("403 insufficient_scope"));
	}

	@SuppressWarnings("unchecked")
	private static String eventIdOf(Map<String, Object> event) {
		List<Map<String, Object>> entities = (List<Map<String, Object>>) event.getOrDefault("entity", List.of());
		return entities.stream()
				.flatMap(entity -> ((List<Map<String, Object>>) entity.getOrDefault("detail", List.of())).stream())
				.filter(detail -> "nhn-event-id".equals(detail.get("type")))
				.map(detail -> (String) detail.get("valueString"))
				.filter(Objects::nonNull)
				.findFirst().orElse(null);
	}

	@Test
	void ruleOneRole_eachSingleRoleStillWorks() {
		server().asReader().get("/DocumentReference/" + published.documentId()).then().statusCode(200);
		server().asCitizen(published.fnr()).get("/DocumentReference/" + published.documentId()).then().statusCode(200);
		server().with(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT, TestIssuer.KJERNEJOURNALFORSKRIFTEN))
				.header("nhn-access-basis", "samtykke")
				.get("/DocumentReference/" + published.documentId()).then().statusCode(200);
	}
}
