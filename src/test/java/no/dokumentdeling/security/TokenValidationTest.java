package no.dokumentdeling.security;

import static no.dokumentdeling.security.SecurityAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** Access token validation: every way a token can be wrong is a 401 with a challenge and no token details. */
class TokenValidationTest {

	private final TestServer server = SharedServers.h2();
	private final TestIssuer issuer = TestIssuer.dpop();

	/** Sends {@code token} correctly DPoP-bound, so that only the token itself can be at fault. */
	private Response search(String token, DpopKey key) {
		return server.withDpop(token, key).get("/DocumentReference?patient.identifier=14896124111&status=current");
	}

	private Response searchWith(TestIssuer.Token token) {
		DpopKey key = DpopKey.generate();
		return search(token.boundTo(key).build(), key);
	}

	@Test
	void anonymousMayReadTheCapabilityStatement() {
		server.request().get("/metadata").then().statusCode(200);
	}

	@Test
	void anonymousMayNotWriteToMetadata() {
		assertUnauthorized(server.request().contentType("application/fhir+json").body("{}").post("/metadata"), null);
	}

	@Test
	void rejectsRequestWithoutToken() {
		assertUnauthorized(server.request().get("/DocumentReference?status=current"), null);
		assertUnauthorized(server.request().get("/Binary/1"), null);
		assertUnauthorized(server.request().get("/DocumentReference/1/_history/1"), null);
		assertUnauthorized(server.request().get("/$meta"), null);
		assertUnauthorized(server.request().get(""), null);
		assertUnauthorized(server.request().contentType("application/fhir+json").body("{}").post(), null);
	}

	@Test
	void challengeWithoutTokenNamesTheDpopSchemeAndAlgorithms() {
		Response response = server.request().get("/DocumentReference");
		assertThat(response.headers().getValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("DPoP algs=\"") && h.contains("ES256"));
	}

	@Test
	void rejectsMalformedToken() {
		DpopKey key = DpopKey.generate();
		assertUnauthorized(search("not.a.jwt", key), "invalid_token");
		assertUnauthorized(server.request().header("Authorization", "DPoP ").get("/DocumentReference"), "invalid_token");
		assertUnauthorized(server.request().header("Authorization", "DPoP a b c").get("/DocumentReference"), "invalid_token");
	}

	@Test
	void rejectsUnknownAuthorizationScheme() {
		assertUnauthorized(server.request().header("Authorization", "Basic dXNlcjpwYXNz").get("/DocumentReference"), "invalid_request");
	}

	@Test
	void rejectsExpiredToken() {
		assertUnauthorized(searchWith(issuer.gp().expiresAt(Instant.now().minus(Duration.ofMinutes(5)))), "invalid_token");
	}

	@Test
	void rejectsTokenWithoutExp() {
		assertUnauthorized(searchWith(issuer.gp().without("exp")), "invalid_token");
	}

	@Test
	void rejectsTokenWithNbfInTheFuture() {
		assertUnauthorized(searchWith(issuer.gp().notBefore(Instant.now().plus(Duration.ofMinutes(10)))), "invalid_token");
	}

	@Test
	void acceptsSmallClockSkewOnNbf() {
		searchWith(issuer.gp().notBefore(Instant.now().plusSeconds(5))).then().statusCode(200);
	}

	@Test
	void rejectsTokenFromWrongIssuer() {
		assertUnauthorized(searchWith(issuer.gp().claim("iss", "https://helseid-sts.test.nhn.no")), "invalid_token");
	}

	@Test
	void rejectsTokenWhoseIssuerOnlyAlmostMatches() {
		assertUnauthorized(searchWith(issuer.gp().claim("iss", issuer.issuer() + "/")), "invalid_token");
	}

	@Test
	void rejectsTokenWithWrongAudience() {
		assertUnauthorized(searchWith(issuer.gp().claim("aud", "nhn:phr")), "invalid_token");
	}

	@Test
	void rejectsTokenWithoutAudience() {
		assertUnauthorized(searchWith(issuer.gp().without("aud")), "invalid_token");
	}

	@Test
	void rejectsTokenWithTwoAudiences() {
		assertUnauthorized(searchWith(issuer.gp().claim("aud", List.of("dokumentdeling", "nhn:phr"))), "invalid_token");
	}

	@Test
	void acceptsTokenWithOurAudienceAsSingleElementArray() {
		searchWith(issuer.gp().claim("aud", List.of("dokumentdeling"))).then().statusCode(200);
	}

	@Test
	void rejectsAlgNone() {
		DpopKey key = DpopKey.generate();
		assertUnauthorized(search(issuer.gp().boundTo(key).buildUnsigned(), key), "invalid_token");
	}

	@Test
	void rejectsHs256SignedWithThePublicKeyAsSecret() {
		DpopKey key = DpopKey.generate();
		assertUnauthorized(search(issuer.gp().boundTo(key).buildHs256WithPublicKeyAsSecret(), key), "invalid_token");
	}

	@Test
	void rejectsTokenSignedByUnknownKey() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
		assertUnauthorized(searchWith(issuer.gp().signedWith(stranger)), "invalid_token");
	}

	@Test
	void rejectsTokenSignedByUnknownKeyUnderAKnownKeyId() throws Exception {
		RSAKey impostor = new RSAKeyGenerator(2048).keyID(issuer.rsaKey().getKeyID()).generate();
		assertUnauthorized(searchWith(issuer.gp().signedWith(impostor)), "invalid_token");
	}

	@Test
	void rejectsTokenWithBadSignature() {
		DpopKey key = DpopKey.generate();
		String token = issuer.gp().boundTo(key).build();
		String[] parts = token.split("\\.");
		char first = parts[2].charAt(0);
		String tampered = parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1);
		assertUnauthorized(search(tampered, key), "invalid_token");
	}

	@Test
	void rejectsTokenWithChangedClaims() {
		DpopKey key = DpopKey.generate();
		String token = issuer.gp().boundTo(key).build();
		String[] parts = token.split("\\.");
		String otherPayload = issuer.citizen("01018012345").boundTo(key).build().split("\\.")[1];
		assertUnauthorized(search(parts[0] + "." + otherPayload + "." + parts[2], key), "invalid_token");
	}

	@Test
	void rejectsTokenOfWrongType() {
		assertUnauthorized(searchWith(issuer.gp().type("dpop+jwt")), "invalid_token");
		assertUnauthorized(searchWith(issuer.gp().type(null)), "invalid_token");
	}

	@Test
	void acceptsTypJwtAndEs256() {
		searchWith(issuer.gp().type("JWT")).then().statusCode(200);
		searchWith(issuer.gp().es256()).then().statusCode(200);
	}

	@Test
	void answersRevealNoTokenDetails() {
		DpopKey key = DpopKey.generate();
		String token = issuer.gp().claim("aud", "nhn:phr").boundTo(key).build();
		Response response = search(token, key);
		String everything = response.headers().toString() + response.asString();
		assertThat(everything).doesNotContain("nhn:phr").doesNotContain(issuer.issuer()).doesNotContain(token.substring(0, 20));
	}
}
