package no.dokumentdeling.security;

import static no.dokumentdeling.security.SecurityAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** The issuer rotates its signing keys while the server runs; the server follows through the JWKS. */
class KeyRotationTest {

	private final TestServer server = SharedServers.h2();
	private final TestIssuer issuer = TestIssuer.dpop();

	@Test
	void newTokensValidateAfterKeyRotationWithoutRestart() {
		server.with(issuer.gp()).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);
		RSAKey retired = issuer.rsaKey();
		int fetchesBefore = issuer.jwksFetches();

		issuer.rotateKeys();

		server.with(issuer.gp()).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);
		server.with(issuer.gp().es256()).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);
		assertThat(issuer.jwksFetches()).as("the unknown kid made the server fetch the JWKS again").isGreaterThan(fetchesBefore);
		assertThat(issuer.rsaKey().getKeyID()).isNotEqualTo(retired.getKeyID());
	}

	@Test
	void tokensSignedWithARetiredKeyAreRejectedAfterRotation() {
		RSAKey retired = issuer.rsaKey();
		issuer.rotateKeys();
		server.with(issuer.gp()).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);

		DpopKey key = DpopKey.generate();
		String old = issuer.gp().signedWith(retired).boundTo(key).build();
		assertUnauthorized(server.withDpop(old, key).get("/DocumentReference"), "invalid_token");
	}

	@Test
	void ruleTokenCache_aRememberedTokenEndsWhenItsKeyLeavesTheJwks() {
		DpopKey key = DpopKey.generate();
		String token = issuer.gp().boundTo(key).build();
		server.withDpop(token, key).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);
		server.withDpop(token, key).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);

		issuer.rotateKeys();
		// A token with a new kid makes the server fetch the JWKS again, which no longer holds the old key.
		server.with(issuer.gp()).get("/DocumentReference?patient.identifier=14896124111").then().statusCode(200);

		assertUnauthorized(server.withDpop(token, key).get("/DocumentReference?patient.identifier=14896124111"), "invalid_token");
	}
}
