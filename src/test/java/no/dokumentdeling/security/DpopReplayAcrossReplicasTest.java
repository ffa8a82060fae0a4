package no.dokumentdeling.security;

import static no.dokumentdeling.security.SecurityAssertions.assertUnauthorized;

import io.restassured.response.Response;
import java.util.Map;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.NoServerErrors;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL database behind one public URL, as in production: a DPoP proof accepted by one is
 * refused by the other, and {@code htu} is checked against the public URL, not the replica's own.
 */
class DpopReplayAcrossReplicasTest {

	private static final String PUBLIC_BASE = "https://dokumentdeling.example.no/fhir";
	private static TestServer first;
	private static TestServer second;

	@BeforeAll
	static void startTwoReplicas() {
		NoServerErrors.install();
		first = TestServer.start(TestDatabase.postgres(), Map.of("dokumentdeling.security.public-base-url", PUBLIC_BASE));
		second = first.startAnother();
	}

	@AfterAll
	static void stop() {
		if (second != null) second.close();
		if (first != null) first.close();
	}

	private final DpopKey key = DpopKey.generate();
	private final String token = TestIssuer.dpop().gp().boundTo(key).build();

	private static Response search(TestServer server, String token, String proof) {
		return server.request().header("Authorization", "DPoP " + token).header("DPoP", proof).queryParam("patient.identifier", "14896124111").get("/DocumentReference");
	}

	@Test
	void replayedJtiIsRejectedBySecondServerInstanceSharingTheDatabase() {
		String proof = key.proof("GET", PUBLIC_BASE + "/DocumentReference", token);
		search(first, token, proof).then().statusCode(200);
		assertUnauthorized(search(second, token, proof), "invalid_dpop_proof");
		assertUnauthorized(search(first, token, proof), "invalid_dpop_proof");
	}

	@Test
	void replayIsRejectedWhicheverReplicaSawTheProofFirst() {
		String proof = key.proof("GET", PUBLIC_BASE + "/DocumentReference", token);
		search(second, token, proof).then().statusCode(200);
		assertUnauthorized(search(first, token, proof), "invalid_dpop_proof");
	}

	@Test
	void htuIsThePublicUrlBehindAProxy() {
		search(first, token, key.proof("GET", PUBLIC_BASE + "/DocumentReference", token)).then().statusCode(200);
		assertUnauthorized(search(first, token, key.proof("GET", first.baseUrl() + "/DocumentReference", token)),
				"invalid_dpop_proof");
	}
}
