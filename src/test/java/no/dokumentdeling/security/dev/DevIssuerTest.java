package no.dokumentdeling.security.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.security.Scopes;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The dev issuer is trusted in the dev profile only: a server in any other profile refuses its tokens and has no
 * token endpoint.
 */
class DevIssuerTest {

	private final TestServer server = SharedServers.h2();

	@Test
	void devIssuerIsOffUnlessTheDevProfileIsActive() throws Exception {
		String token = DevTokens.sign(Map.of("scope", List.of(Scopes.READ_DOCUMENT_REFERENCES)));
		Response response = server.withBearer(token).get("/DocumentReference?patient.identifier=14896124111");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
		assertThat(RestAssured.given().baseUri("http://127.0.0.1:" + server.port()).get("/dev/jwks").statusCode())
				.isIn(401, 403, 404);
	}

	@Test
	void theDevTokenEndpointIsAbsentUnlessTheDevProfileIsActive() {
		Response response = RestAssured.given().baseUri("http://127.0.0.1:" + server.port()).get("/dev/token?role=gp");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.asString()).doesNotContain("eyJ");
	}
}
