package no.dokumentdeling.security.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.dokumentdeling.security.Scopes;

/**
 * Prints a dev access token for one role ({@code make token ROLE=... [PATIENT=<fnr>]}), signed with the dev issuer
 * key, for use as {@code Authorization: Bearer <token>} against a server in the {@code dev} profile. The claims
 * have HelseID's shape, with made-up people and organisations.
 */
public final class DevTokens {

	public static void main(String[] args) throws JOSEException {
		if (args.length < 1) {
			fail("usage: make token ROLE=source|gp|citizen|auditor [PATIENT=<fødselsnummer>]");
		}
		String role = args[0];
		String patient = args.length > 1 && !args[1].isBlank() ? args[1] : null;
		Map<String, Object> claims = switch (role) {
			case "source" -> source();
			case "gp" -> gp();
			case "citizen" -> citizen(patient);
			case "auditor" -> Map.of("scope", List.of(Scopes.AUDIT), "client_id", "dev-audit");
			default -> {
				fail("unknown ROLE " + role + "; use source, gp, citizen or auditor");
				yield Map.of();
			}
		};
		System.out.println(sign(claims));
	}

	static String sign(Map<String, Object> roleClaims) throws JOSEException {
		ECKey key = DevIssuerKeys.loadOrCreate();
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(DevIssuerKeys.ISSUER)
				.audience("dokumentdeling")
				.subject("dev-" + UUID.randomUUID())
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofHours(8))))
				.jwtID(UUID.randomUUID().toString());
		roleClaims.forEach(claims::claim);
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build(),
				claims.build());
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static Map<String, Object> source() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("scope", List.of(Scopes.CREATE_DOCUMENTS));
		claims.put("client_id", "dev-hospital-epj");
		claims.put("helseid://claims/client/client_name", "Utviklingssykehusets EPJ");
		claims.put("helseid://claims/client/claims/orgnr_parent", "993467049");
		claims.put("helseid://claims/client/claims/orgnr_child", "974589095");
		return claims;
	}

	private static Map<String, Object> gp() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("scope", List.of(Scopes.READ_DOCUMENT_REFERENCES, Scopes.READ_DOCUMENT));
		claims.put("client_id", "dev-gp-epj");
		claims.put("helseid://claims/client/client_name", "Utviklingslegekontorets EPJ");
		claims.put("helseid://claims/client/claims/orgnr_parent", "912345678");
		claims.put("helseid://claims/client/claims/orgnr_child", "987654321");
		claims.put("helseid://claims/identity/pid", "13116900216");
		claims.put("helseid://claims/hpr/hpr_number", "565505933");
		claims.put("helseid://claims/identity/security_level", "4");
		claims.put("name", "Kari Utviklingslege");
		claims.put("authorization_details", List.of(Map.of(
				"type", "nhn:tillitsrammeverk:parameters",
				"practitioner", Map.of(
						"authorization", Map.of("code", "LE", "system", "urn:oid:2.16.578.1.12.4.1.1.9060"),
						"legal_entity", Map.of("id", "912345678", "system", "urn:oid:2.16.578.1.12.4.1.4.101"),
						"point_of_care", Map.of("id", "987654321", "system", "urn:oid:2.16.578.1.12.4.1.4.101")),
				"care_relationship", Map.of(
						"purpose_of_use", Map.of("code", "TREAT", "system", "urn:oid:2.16.840.1.113883.1.11.20448"),
						"decision_ref", Map.of("id", "dev-" + UUID.randomUUID(), "user_selected", false)))));
		return claims;
	}

	private static Map<String, Object> citizen(String patient) {
		if (patient == null) {
			fail("ROLE=citizen needs PATIENT=<fødselsnummer>");
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("scope", List.of(Scopes.CITIZEN));
		claims.put("client_id", "dev-helsenorge");
		claims.put("helseid://claims/identity/pid", patient);
		claims.put("helseid://claims/identity/security_level", "4");
		claims.put("name", "Ola Utviklingsinnbygger");
		return claims;
	}

	private static void fail(String message) {
		System.err.println(message);
		System.exit(2);
	}

	private DevTokens() {}
}
