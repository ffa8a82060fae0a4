package no.dokumentdeling.security;

import static no.dokumentdeling.security.SecurityAssertions.assertUnauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** DPoP (RFC 9449): a token from an issuer that requires it is only good together with a matching, fresh proof. */
class DpopTest {

	private static final String PATH = "/DocumentReference";

	private final TestServer server = SharedServers.h2();
	private final TestIssuer issuer = TestIssuer.dpop();
	private final DpopKey key = DpopKey.generate();
	private final String token = issuer.gp().boundTo(key).build();

	private String url() {
		return server.baseUrl() + PATH;
	}

	private Response get(String proof) {
		return server.request().header("Authorization", "DPoP " + token).header("DPoP", proof).queryParam("patient.identifier", "14896124111").get(PATH);
	}

	@Test
	void acceptsValidProof() {
		get(key.proof("GET", url(), token)).then().statusCode(200);
	}

	@Test
	void rejectsMissingProofWhenDpopIsRequired() {
		assertUnauthorized(server.request().header("Authorization", "DPoP " + token).get(PATH), "invalid_dpop_proof");
	}

	@Test
	void rejectsBearerWhenDpopIsRequired() {
		Response response = server.withBearer(token).get(PATH);
		assertUnauthorized(response, "invalid_token");
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP ");
		String unbound = issuer.gp().build();
		assertUnauthorized(server.withBearer(unbound).get(PATH), "invalid_token");
	}

	@Test
	void rejectsProofWithWrongHtm() {
		assertUnauthorized(get(key.proofFor("POST", url(), token).build()), "invalid_dpop_proof");
	}

	@Test
	void rejectsProofWithWrongHtu() {
		assertUnauthorized(get(key.proofFor("GET", server.baseUrl() + "/List", token).build()), "invalid_dpop_proof");
		assertUnauthorized(get(key.proofFor("GET", "https://evil.example.com/fhir" + PATH, token).build()), "invalid_dpop_proof");
	}

	@Test
	void rejectsProofWithWrongAth() {
		assertUnauthorized(get(key.proofFor("GET", url(), token).athOf(issuer.gp().boundTo(key).build()).build()), "invalid_dpop_proof");
	}

	@Test
	void ruleDpopAth_aTokenRememberedFromAnEarlierRequestStillNeedsItsOwnHashInEveryProof() {
		get(key.proof("GET", url(), token)).then().statusCode(200);
		assertUnauthorized(get(key.proofFor("GET", url(), token).athOf(issuer.gp().boundTo(key).build()).build()), "invalid_dpop_proof");
		get(key.proof("GET", url(), token)).then().statusCode(200);
	}

	@Test
	void rejectsProofWithoutAth() {
		assertUnauthorized(get(key.proofFor("GET", url(), token).ath(null).build()), "invalid_dpop_proof");
	}

	@Test
	void rejectsProofFromAnotherKeyThanCnfJkt() {
		DpopKey other = DpopKey.generate();
		Response response = get(other.proof("GET", url(), token));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).containsPattern("error=\"invalid_(token|dpop_proof)\"");
	}

	@Test
	void rejectsDpopSchemeWithTokenThatIsNotBound() {
		String unbound = issuer.gp().build();
		Response response = server.request().header("Authorization", "DPoP " + unbound)
				.header("DPoP", key.proof("GET", url(), unbound)).get(PATH);
		assertUnauthorized(response, "invalid_token");
	}

	@Test
	void rejectsStaleIat() {
		assertUnauthorized(get(key.proofFor("GET", url(), token).issuedAt(Instant.now().minus(Duration.ofMinutes(10))).build()),
				"invalid_dpop_proof");
	}

	@Test
	void rejectsIatInTheFuture() {
		assertUnauthorized(get(key.proofFor("GET", url(), token).issuedAt(Instant.now().plus(Duration.ofMinutes(10))).build()),
				"invalid_dpop_proof");
	}

	@Test
	void rejectsReplayedJti() {
		String proof = key.proof("GET", url(), token);
		get(proof).then().statusCode(200);
		assertUnauthorized(get(proof), "invalid_dpop_proof");
	}

	@Test
	void rejectsNewProofReusingJti() {
		String jti = "jti-" + System.nanoTime();
		get(key.proofFor("GET", url(), token).jti(jti).build()).then().statusCode(200);
		assertUnauthorized(get(key.proofFor("GET", url(), token).jti(jti).build()), "invalid_dpop_proof");
	}

	@Test
	void rejectsProofCarryingPrivateKey() {
		assertUnauthorized(get(key.proofFor("GET", url(), token).withPrivateKeyInHeader().build()), "invalid_dpop_proof");
	}

	@Test
	void rejectsMalformedProof() {
		assertUnauthorized(get("garbage"), "invalid_dpop_proof");
	}

	@Test
	void rejectsTwoProofs() {
		Response response = server.request().header("Authorization", "DPoP " + token)
				.header("DPoP", key.proof("GET", url(), token)).header("DPoP", key.proof("GET", url(), token)).get(PATH);
		assertUnauthorized(response, "invalid_dpop_proof");
	}

	@Test
	void acceptsBearerFromIssuerThatDoesNotRequireDpop() {
		server.withBearer(TestIssuer.bearer().gp().build()).get(PATH + "?patient.identifier=14896124111").then().statusCode(200);
	}

	@Test
	void acceptsDpopFromIssuerThatDoesNotRequireDpop() {
		server.with(TestIssuer.bearer().gp()).get(PATH + "?patient.identifier=14896124111").then().statusCode(200);
	}

	@Test
	void rejectsBearerWithDpopProofBecauseARequestNeverMixesTheTwo() {
		String bearerToken = TestIssuer.bearer().gp().build();
		Response response = server.withBearer(bearerToken).header("DPoP", key.proof("GET", url(), bearerToken)).get(PATH);
		assertUnauthorized(response, "invalid_request");
	}

	@Test
	void rejectsDpopBoundTokenSentAsBearerEvenWhereBearerIsAllowed() {
		String bound = TestIssuer.bearer().gp().boundTo(key).build();
		assertUnauthorized(server.withBearer(bound).get(PATH), "invalid_token");
	}

	@Test
	void proofQueryIsIgnoredForHtu() {
		String proof = key.proof("GET", url(), token);
		server.request().header("Authorization", "DPoP " + token).header("DPoP", proof)
				.get(PATH + "?patient.identifier=14896124111&status=current").then().statusCode(200);
	}

	@Test
	void ruleDpopHtu_aPercentEncodedUnreservedCharacterNamesTheSameUrl() {
		String proof = key.proof("GET", url(), token);
		server.request().urlEncodingEnabled(false).header("Authorization", "DPoP " + token).header("DPoP", proof)
				.get("/Document%52eference?patient.identifier=14896124111").then().statusCode(200);
	}

	@Test
	void ruleDpopHtu_aRequestThatPercentEncodesTheOperationNameMatchesAProofThatDoesNot() {
		String fnr = SyntheticFodselsnummer.next();
		String citizen = issuer.citizen(fnr).boundTo(key).build();
		String proof = key.proof("GET", server.baseUrl() + "/$innsynslogg", citizen);
		server.request().urlEncodingEnabled(false).header("Authorization", "DPoP " + citizen).header("DPoP", proof)
				.get("/%24innsynslogg").then().statusCode(200);
	}

	@Test
	void ruleDpopHtu_theSchemeIsCaseInsensitiveAndTheDefaultPortMayBeLeftOut() {
		get(key.proof("GET", url().replaceFirst("^http://", "HTTP://"), token)).then().statusCode(200);
		assertThat(HtuMatching.normalized(java.net.URI.create("https://Example.no:443/fhir/List")))
				.isEqualTo(HtuMatching.normalized(java.net.URI.create("https://example.no/fhir/List")));
	}

	@Test
	void ruleDpopHtu_anotherPathStaysAnotherUrlHoweverItIsEncoded() {
		assertUnauthorized(get(key.proof("GET", server.baseUrl() + "/Document%52eferenc", token)), "invalid_dpop_proof");
		assertUnauthorized(get(key.proof("GET", server.baseUrl() + "/%4Cist", token)), "invalid_dpop_proof");
	}
}
