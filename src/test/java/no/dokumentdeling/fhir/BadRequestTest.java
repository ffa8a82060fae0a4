package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.restassured.response.Response;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever arrives at {@code POST [base]}, a malformed request gets a 4xx with an OperationOutcome, never a 500. */
class BadRequestTest {

	private final TestServer server = SharedServers.h2();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"malformed JSON            | application/fhir+json | {\"resourceType\": \"Bundle\", \"type\": ",
		"malformed XML             | application/fhir+xml  | <Bundle xmlns=\"http://hl7.org/fhir\"><type value=",
		"a Patient, not a Bundle   | application/fhir+json | {\"resourceType\": \"Patient\"}",
		"an empty body             | application/fhir+json | ''",
		"a wrong Content-Type      | text/plain            | hello",
		"JSON that is not FHIR     | application/fhir+json | [1, 2, 3]",
		"an unknown resource type  | application/fhir+json | {\"resourceType\": \"Nonsense\"}"
	})
	void badBodyGets4xxWithOperationOutcome(String what, String contentType, String body) {
		Response response = server.asSource().contentType(contentType).body(body).post();

		assertThat(response.statusCode()).as(what + ": " + response.asString()).isBetween(400, 499);
		assertThat(response.asString()).contains("OperationOutcome");
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({
		"DELETE, /DocumentReference/1",
		"PUT,    /DocumentReference/1",
		"POST,   /DocumentReference",
		"POST,   /Binary",
		"POST,   /List",
		"GET,    /DocumentReference/1/_history",
		"GET,    /DocumentReference/_history",
		"GET,    /_history",
		"GET,    /Patient/1/$everything",
		"GET,    /$graphql",
		"GET,    /Observation",
		"PATCH,  /DocumentReference/1"
	})
	void unsupportedInteractionGets4xxWithOperationOutcome(String method, String path) {
		Response response = server.asSource().contentType("application/fhir+json").body("{\"resourceType\":\"DocumentReference\"}")
				.request(method, path);

		assertThat(response.statusCode()).as(method + " " + path + ": " + response.asString()).isBetween(400, 499);
		response.then().body(containsString("OperationOutcome"));
	}
}
