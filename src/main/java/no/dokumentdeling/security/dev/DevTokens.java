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
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import no.dokumentdeling.security.Scopes;

/**
 * Dev access tokens, signed with the dev issuer key, for a server in the {@code dev} profile: served by the running
 * server at {@code GET /dev/token} ({@link DevIssuer}), or printed by {@link #main} when none runs ({@code make
 * token ROLE=... [PATIENT=...] [HPR=...] [NAME=...] [PURPOSE=ETREAT] [SCOPE=kjernejournalforskriften]}). The
 * claims have HelseID's shape, with made-up people and organisations.
 */
public final class DevTokens {

	/** Arguments as {@code key=value} ({@code role=gp hpr=565505933 purpose=ETREAT}); prints one token. */
	public static void main(String[] args) throws JOSEException {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			values.put(equals < 0 ? arg : arg.substring(0, equals), equals < 0 ? "" : arg.substring(equals + 1));
		}
		try {
			System.out.println(sign(claims(DevTokenRequest.of(values))));
		} catch (IllegalArgumentException e) {
			System.err.println(e.getMessage());
			System.exit(2);
		}
	}

	public static Map<String, Object> claims(DevTokenRequest request) {
		Map<String, Object> claims = switch (request.role()) {
			case "source" -> source();
			case "gp" -> gp(request);
			case "citizen" -> citizen(request);
			case "auditor" -> new LinkedHashMap<>(Map.of("scope", List.of(Scopes.AUDIT), "client_id", "dev-audit"));
			default -> throw new IllegalArgumentException("unknown role " + request.role());
		};
		if (request.jkt() != null) {
			claims.put("cnf", Map.of("jkt", request.jkt()));
		}
		return claims;
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

	private static Map<String, Object> gp(DevTokenRequest request) {
		List<String> scopes = new ArrayList<>(List.of(Scopes.READ_DOCUMENT_REFERENCES, Scopes.READ_DOCUMENT));
		if (request.kjernejournalforskriften()) {
			scopes.add(Scopes.KJERNEJOURNALFORSKRIFTEN);
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("scope", scopes);
		claims.put("client_id", "dev-gp-epj");
		claims.put("helseid://claims/client/client_name", "Utviklingslegekontorets EPJ");
		claims.put("helseid://claims/client/claims/orgnr_parent", "912345678");
		claims.put("helseid://claims/client/claims/orgnr_child", "987654321");
		claims.put("helseid://claims/identity/pid", "13116900216");
		claims.put("helseid://claims/hpr/hpr_number", request.hpr());
		claims.put("helseid://claims/identity/security_level", "4");
		claims.put("name", Objects.requireNonNullElse(request.name(), "Kari Utviklingslege"));
		claims.put("authorization_details", List.of(Map.of(
				"type", "nhn:tillitsrammeverk:parameters",
				"practitioner", Map.of(
						"authorization", Map.of("code", "LE", "system", "urn:oid:2.16.578.1.12.4.1.1.9060"),
						"legal_entity", Map.of("id", "912345678", "system", "urn:oid:2.16.578.1.12.4.1.4.101"),
						"point_of_care", Map.of("id", "987654321", "system", "urn:oid:2.16.578.1.12.4.1.4.101")),
				"care_relationship", Map.of(
						"purpose_of_use", Map.of("code", request.purposeOfUse(), "system", "urn:oid:2.16.840.1.113883.1.11.20448"),
						"decision_ref", Map.of("id", "dev-" + UUID.randomUUID(), "user_selected", false)))));
		return claims;
	}

	private static Map<String, Object> citizen(DevTokenRequest request) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("scope", List.of(Scopes.CITIZEN));
		claims.put("client_id", "dev-helsenorge");
		claims.put("helseid://claims/identity/pid", request.patient());
		claims.put("helseid://claims/identity/security_level", "4");
		claims.put("name", Objects.requireNonNullElse(request.name(), "Ola Utviklingsinnbygger"));
		return claims;
	}

	private DevTokens() {}
}
