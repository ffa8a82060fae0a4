package no.dokumentdeling.security.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.dokumentdeling.security.Scopes;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** In the dev profile, {@code GET /dev/token} mints the tokens {@code make token} prints, without a JVM per token. */
class DevTokenEndpointTest {

	private final TestServer dev = SharedServers.dev();

	@Test
	void aGpTokenCarriesTheHprNamePurposeAndKjernejournalScopeAskedFor() throws Exception {
		String token = token(Map.of("role", "gp", "hpr", "565505933", "name", "Per Vikar", "purpose", "etreat",
				"scope", "kjernejournalforskriften")).then().statusCode(200).extract().asString().trim();

		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(DevIssuerKeys.ISSUER);
		assertThat(claims.getStringClaim("helseid://claims/hpr/hpr_number")).isEqualTo("565505933");
		assertThat(claims.getStringClaim("name")).isEqualTo("Per Vikar");
		assertThat(claims.getStringListClaim("scope")).containsExactlyInAnyOrder(Scopes.READ_DOCUMENT_REFERENCES,
				Scopes.READ_DOCUMENT, Scopes.KJERNEJOURNALFORSKRIFTEN);
		assertThat(claims.toString()).contains("\"purpose_of_use\":{").contains("\"code\":\"ETREAT\"");
		// The server takes it as it comes (Bearer, the dev issuer): the regulation's scope wants an access basis.
		String search = "/DocumentReference?patient.identifier=" + SyntheticFodselsnummer.next();
		dev.withBearer(token).get(search).then().statusCode(403);
		dev.withBearer(token).header("nhn-access-basis", "akutt").get(search).then().statusCode(200);
	}

	@Test
	void theDevGpIsTheHealthPersonTheTestdataSperringBlocks() throws Exception {
		String token = token(Map.of("role", "gp")).then().statusCode(200).extract().asString().trim();
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("helseid://claims/hpr/hpr_number"))
				.isEqualTo(DevTokenRequest.DEV_GP_HPR);
		assertThat(Files.readString(Path.of("testdata", "sperring-helsepersonell.json")))
				.contains("\"value\": \"" + DevTokenRequest.DEV_GP_HPR + "\"");
	}

	@Test
	void aTokenBoundToADpopKeyIsAcceptedOnlyWithItsProofs() {
		DpopKey key = DpopKey.generate();
		String token = token(Map.of("role", "citizen", "patient", "14896124111", "jkt", key.thumbprint()))
				.then().statusCode(200).extract().asString().trim();

		dev.withBearer(token).urlEncodingEnabled(false).get("/$innsynslogg").then().statusCode(401);
		Response bound = dev.withDpop(token, key).urlEncodingEnabled(false).get("/$innsynslogg");
		assertThat(bound.statusCode()).as(bound.header("WWW-Authenticate")).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = {"role=nurse", "role=gp&purpose=COVERAGE", "role=citizen", "role=citizen&patient=14896124112",
		"role=source&hpr=9144990", "role=gp&scope=dokumentdeling/audit", "role=gp&hpr=12ab", "role=gp&colour=blue"})
	void aRequestForATokenThatWouldDoLessThanAskedIsRefused(String query) {
		Response response = RestAssured.given().baseUri("http://127.0.0.1:" + dev.port()).get("/dev/token?" + query);
		assertThat(response.statusCode()).as(query).isEqualTo(400);
		assertThat(response.asString()).as(query).isNotBlank().doesNotContain("Exception");
	}

	private Response token(Map<String, String> parameters) {
		return RestAssured.given().baseUri("http://127.0.0.1:" + dev.port()).queryParams(parameters).get("/dev/token");
	}
}
