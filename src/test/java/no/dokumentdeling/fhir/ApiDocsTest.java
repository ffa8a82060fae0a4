package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The API documentation of {@code /fhir} is generated from the CapabilityStatement and anonymous like it; nothing
 * else documents or serves pages outside {@code /fhir}. (Database independent: H2 only.)
 */
class ApiDocsTest {

	private final TestServer server = SharedServers.h2();

	@Test
	@SuppressWarnings("unchecked")
	void theOpenApiDocumentListsTheMhdTransactionsAndNothingTheServerRefuses() {
		String yaml = server.request().get("/api-docs").then().statusCode(200).extract().asString();

		Map<String, Object> openApi = new Yaml().load(yaml);
		assertThat(String.valueOf(openApi.get("openapi"))).startsWith("3.");
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
		assertThat(paths.get("/")).as("ITI-65 transaction").containsKey("post");
		assertThat(paths.get("/DocumentReference")).as("ITI-67").containsKey("get");
		assertThat(paths.get("/List")).as("ITI-66").containsKey("get");
		assertThat(paths.get("/Binary/{id}")).as("ITI-68").containsKey("get");
		assertThat(paths.get("/metadata")).containsKey("get");
		assertThat(paths.get("/Binary/{id}")).doesNotContainKeys("put", "delete");
		assertThat(paths.get("/DocumentReference")).as("ITI-105 Simplified Publish").containsKey("post");
		assertThat(paths.get("/DocumentReference/{id}")).as("retraction").containsKeys("put", "patch").doesNotContainKey("delete");
		assertThat(paths.get("/List")).doesNotContainKey("post");
		assertThat(paths).doesNotContainKeys("/_history", "/Observation", "/DocumentReference/{id}/_history");
		assertThat(yaml).as("ITI-67's search parameters, from the CapabilityStatement").contains("patient.identifier", "security-label");
		assertThat(yaml).as("the CapabilityStatement's Norwegian description, in UTF-8").contains("etter IHE MHD på FHIR R4");
	}

	@Test
	void theSwaggerUiIsServedAnonymouslyAndPointsAtTheOpenApiDocument() {
		String page = server.request().get("/swagger-ui/").then().statusCode(200).contentType("text/html")
				.extract().asString();
		assertThat(page).contains("swagger-ui-bundle.js", server.baseUrl() + "/api-docs");
		server.request().get("/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
	}

	@Test
	void aFileTheSwaggerUiDoesNotHaveIsNotFoundAndNoFhirRequest() {
		Response response = server.request().get("/swagger-ui/no-such-file.js");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
	}

	@Test
	void everythingElseStillNeedsAToken() {
		server.request().get("/DocumentReference?patient.identifier=14896124111").then().statusCode(401);
		server.request().post("/api-docs").then().statusCode(401);
	}

	@ParameterizedTest
	@ValueSource(strings = {"/swagger-ui/index.html", "/swagger-ui.html", "/v3/api-docs", "/v3/api-docs/swagger-config"})
	void springdocsPagesAreGone(String path) {
		assertNotServed(path);
	}

	@Test
	void theSwaggerUiWebjarIsNotServedOutsideFhir() throws IOException {
		Properties webjar = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
			webjar.load(in);
		}
		assertNotServed("/webjars/swagger-ui/" + webjar.getProperty("version") + "/index.html");
	}

	private void assertNotServed(String path) {
		Response response = RestAssured.given().baseUri("http://127.0.0.1:" + server.port()).get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/fhir+json");
		assertThat(response.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		assertThat(response.jsonPath().getString("issue[0].code")).isEqualTo("not-found");
	}
}
