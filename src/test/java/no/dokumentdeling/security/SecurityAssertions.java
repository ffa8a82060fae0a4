package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.TestServer;

/** Publishing test documents, and what 401 and 403 answers must look like. */
final class SecurityAssertions {

	/** One published epikrise and the ids a reader would learn. */
	record Published(String fnr, String patientId, String documentId, String listId, String binaryId, String attachmentUrl) {}

	static Published publish(TestServer server, String fnr) {
		Response response = server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json()).post();
		response.then().statusCode(200);
		List<String> locations = response.jsonPath().getList("entry.response.location");
		String listId = idOf(locations.get(0));
		String binaryId = idOf(locations.get(1));
		String documentId = idOf(locations.get(2));
		String patientId = server.asReader().get("/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr)
				.then().statusCode(200).extract().jsonPath().getString("entry[0].resource.id");
		String url = server.asReader().get("/DocumentReference/" + documentId)
				.then().statusCode(200).extract().jsonPath().getString("content[0].attachment.url");
		return new Published(fnr, patientId, documentId, listId, binaryId, url);
	}

	private static String idOf(String location) {
		return location.split("/")[1];
	}

	/** 401 (or 400 for invalid_request) with a challenge carrying {@code error} and an OperationOutcome body. */
	static void assertUnauthorized(Response response, String error) {
		int expectedStatus = "invalid_request".equals(error) ? 400 : 401;
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(expectedStatus);
		String challenge = String.join(" | ", response.headers().getValues("WWW-Authenticate"));
		assertThat(challenge).matches("^(DPoP|Bearer) .*");
		if (error == null) {
			assertThat(challenge).doesNotContain("error=");
		} else {
			assertThat(challenge).contains("error=\"" + error + "\"");
		}
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
	}

	static void assertForbidden(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
	}

	private SecurityAssertions() {}
}
