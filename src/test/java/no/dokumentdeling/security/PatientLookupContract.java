package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.function.Function;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.security.SecurityAssertions.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule "patient lookup names one person": a Patient search carries a fødselsnummer or D-nummer or an id. A search
 * that names nobody would list the registry's patients and their fødselsnumre; it is refused with 400 and an
 * OperationOutcome, and no role may list patients in bulk.
 */
abstract class PatientLookupContract {

	protected abstract TestServer server();

	private Published published;

	@BeforeEach
	void publishOneDocument() {
		published = SecurityAssertions.publish(server(), SyntheticFodselsnummer.next());
	}

	private static void assertRefusedWithoutPatients(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		assertThat(response.asString()).doesNotContain("\"Patient\"").doesNotContain(IdentifierSystems.FODSELSNUMMER + "\",\"value\"");
	}

	@Test
	void rulePatientLookupNamesOnePerson_searchesThatNameNobodyAreRefused() {
		List<Function<TestServer, Response>> namingNobody = List.of(
				s -> s.asReader().get("/Patient"),
				s -> s.asReader().get("/Patient?_count=200"),
				s -> s.asReader().urlEncodingEnabled(false).get("/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "%7C"),
				s -> s.asReader().get("/Patient?identifier:missing=false"),
				s -> s.asReader().get("/Patient?_lastUpdated=gt2000-01-01"),
				s -> s.asReader().get("/Patient?identifier=" + IdentifierSystems.HPR_NUMMER + "|565505933"),
				s -> s.asReader().get("/Patient?_id="),
				s -> s.asReader().get("/Patient?identifier=" + published.fnr() + ","),
				s -> s.asReader().contentType("application/x-www-form-urlencoded").post("/Patient/_search"),
				s -> s.asReader().contentType("application/x-www-form-urlencoded").formParam("_count", "200").post("/Patient/_search"));
		for (Function<TestServer, Response> search : namingNobody) {
			assertRefusedWithoutPatients(search.apply(server()));
		}
	}

	@Test
	void rulePatientLookupNamesOnePerson_noRoleListsPatients() {
		assertRefusedWithoutPatients(server().asSource().get("/Patient?_count=200"));
		assertRefusedWithoutPatients(server().with(no.dokumentdeling.testsupport.TestIssuer.dpop().auditor()).get("/Patient"));
		assertRefusedWithoutPatients(server().asCitizen(published.fnr()).get("/Patient"));
	}

	@Test
	void rulePatientLookupNamesOnePerson_aSearchByFodselsnummerOrIdFindsThatPatient() {
		for (String query : List.of(
				"/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + published.fnr(),
				"/Patient?identifier=" + published.fnr(),
				"/Patient?_id=" + published.patientId())) {
			assertThat(server().asReader().get(query).then().statusCode(200).extract().jsonPath().getList("entry.resource.id"))
					.as(query).containsExactly(published.patientId());
		}
		assertThat(server().asReader().contentType("application/x-www-form-urlencoded").formParam("identifier", published.fnr())
				.post("/Patient/_search").then().statusCode(200).extract().jsonPath().getList("entry.resource.id"))
				.containsExactly(published.patientId());
	}
}
