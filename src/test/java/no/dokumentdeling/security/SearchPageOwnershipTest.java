package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A search's later pages are served only to the caller who started it: they hold what was narrowed for that caller. */
class SearchPageOwnershipTest {

	private final TestServer server = SharedServers.h2();
	private String fnr;

	@BeforeEach
	void publishThreeDocuments() {
		fnr = SyntheticFodselsnummer.next();
		server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise().withEpikrise().json())
				.post().then().statusCode(200);
	}

	@Test
	void ruleSearchPageOwnership_theCallerWhoSearchedGetsTheNextPageWithARenewedToken() {
		String next = nextPage(server.asReader().get(query()).then().statusCode(200).extract().jsonPath());

		server.asReader().get(next).then().statusCode(200);
	}

	@Test
	void ruleSearchPageOwnership_anotherHealthPersonIsRefusedTheNextPage() {
		String next = nextPage(server.asReader().get(query()).then().statusCode(200).extract().jsonPath());

		server.with(TestIssuer.dpop().gp().claim("helseid://claims/hpr/hpr_number", "9144902")).get(next)
				.then().statusCode(403).body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"));
	}

	@Test
	void ruleAudit_aRefusedPageRequestIsAuditedAsAnAttemptAtThatPatientsSearch() {
		String next = nextPage(server.asReader().get(query()).then().statusCode(200).extract().jsonPath());
		String patient = server.asReader().get("/Patient?identifier=" + fnr).then().statusCode(200)
				.extract().jsonPath().getString("entry[0].resource.id");

		server.with(TestIssuer.dpop().gp().claim("helseid://claims/hpr/hpr_number", "9144903")).get(next).then().statusCode(403);

		JsonPath audit = server.with(TestIssuer.dpop().auditor())
				.get("/AuditEvent?agent-identifier=" + IdentifierSystems.HPR_NUMMER + "|9144903&patient=Patient/" + patient)
				.then().statusCode(200).extract().jsonPath();
		assertThat(audit.getList("entry.resource.subtype.code.flatten()", String.class)).containsExactly("ITI-67");
		assertThat(audit.getList("entry.resource.outcome", String.class)).containsExactly("4");
	}

	@Test
	void ruleSearchPageOwnership_theSamePersonUnderAnotherAccessBasisIsRefusedTheNextPage() {
		String next = nextPage(server.asReader().get(query()).then().statusCode(200).extract().jsonPath());

		server.with(TestIssuer.dpop().gp().claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT"))))
				.header("nhn-access-basis", "akutt").get(next).then().statusCode(403);
	}

	@Test
	void ruleSearchPageOwnership_anUnknownSearchIsRefused() {
		server.asReader().get("?_getpages=" + java.util.UUID.randomUUID() + "&_getpagesoffset=1&_count=1").then().statusCode(403);
	}

	@Test
	void ruleSearchPageOwnership_aCitizenPagesTheirOwnSearchAnotherCitizenCannot() {
		String next = nextPage(server.asCitizen(fnr).get(query()).then().statusCode(200).extract().jsonPath());

		server.asCitizen(fnr).get(next).then().statusCode(200);
		server.asCitizen(SyntheticFodselsnummer.next()).get(next).then().statusCode(403);
	}

	private String query() {
		return "/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr + "&_count=1";
	}

	private static String nextPage(JsonPath page) {
		String next = no.dokumentdeling.testsupport.DocumentSearches.nextLink(page);
		assertThat(next).as("a next page").isNotNull();
		return next;
	}
}
