package no.dokumentdeling.security.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.dokumentdeling.security.Scopes;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** The dev issuer is trusted in the dev profile only: a server in any other profile refuses its tokens. */
class DevIssuerTest {

	private final TestServer server = SharedServers.h2();

	@Test
	void devIssuerIsOffUnlessTheDevProfileIsActive() throws Exception {
		String token = DevTokens.sign(Map.of("scope", List.of(Scopes.READ_DOCUMENT_REFERENCES)));
		var response = server.withBearer(token).get("/DocumentReference");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
		assertThat(io.restassured.RestAssured.given().baseUri("http://localhost:" + server.port()).get("/dev/jwks").statusCode())
				.isIn(401, 403, 404);
	}
}
