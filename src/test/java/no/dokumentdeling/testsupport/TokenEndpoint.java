package no.dokumentdeling.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token endpoint of a {@link TestIssuer}, as HelseID's for machine clients: the client credentials grant with a
 * {@code private_key_jwt} client assertion, verified against the key registered for the client (issuer and subject
 * the client id, audience this endpoint, not expired, each {@code jti} once); with a DPoP proof (its signature checked
 * with its own key, {@code htm} POST, {@code htu} this endpoint) the token is bound to the proof's key. Tokens are
 * signed by the issuer's real keys and carry the registered client's claims.
 */
final class TokenEndpoint {

	record Answer(int status, String json) {}

	private record Client(JWK publicKey, Map<String, Object> claims) {}

	private final TestIssuer issuer;
	private final Map<String, Client> clients = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
	private final Map<String, Boolean> seenAssertions = new ConcurrentHashMap<>();

	TokenEndpoint(TestIssuer issuer) {
		this.issuer = issuer;
	}

	void register(String clientId, JWK publicKey, Map<String, Object> claims) {
		clients.put(clientId, new Client(publicKey.toPublicJWK(), Map.copyOf(claims)));
	}

	int issuedTo(String clientId) {
		return issued.getOrDefault(clientId, new AtomicInteger()).get();
	}

	Answer answer(String method, String dpopProof, String body) {
		if (!"POST".equals(method)) {
			return error(405, "invalid_request");
		}
		Map<String, String> form = form(body);
		if (!"client_credentials".equals(form.get("grant_type"))) {
			return error(400, "unsupported_grant_type");
		}
		if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))) {
			return error(401, "invalid_client");
		}
		try {
			SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
			JWTClaimsSet claims = assertion.getJWTClaimsSet();
			Client client = clients.get(claims.getIssuer());
			if (client == null || !claims.getIssuer().equals(claims.getSubject())
					|| !claims.getAudience().contains(issuer.tokenEndpoint())
					|| claims.getExpirationTime() == null || claims.getExpirationTime().before(new Date())
					|| claims.getJWTID() == null || seenAssertions.putIfAbsent(claims.getJWTID(), true) != null
					|| !assertion.verify(verifier(client.publicKey()))) {
				return error(401, "invalid_client");
			}
			TestIssuer.Token token = issuer.token().claim("client_id", claims.getIssuer());
			client.claims().forEach(token::claim);
			String scope = form.get("scope");
			if (scope != null) {
				token.scope(scope.trim().split("\\s+"));
			}
			String type = "Bearer";
			if (dpopProof != null) {
				SignedJWT proof = SignedJWT.parse(dpopProof);
				JWK proofKey = proof.getHeader().getJWK();
				JWTClaimsSet proofClaims = proof.getJWTClaimsSet();
				if (proofKey == null || !proof.verify(verifier(proofKey)) || !"POST".equals(proofClaims.getStringClaim("htm"))
						|| !issuer.tokenEndpoint().equals(proofClaims.getStringClaim("htu"))) {
					return error(400, "invalid_dpop_proof");
				}
				token.claim("cnf", Map.of("jkt", proofKey.computeThumbprint().toString()));
				type = "DPoP";
			}
			issued.computeIfAbsent(claims.getIssuer(), id -> new AtomicInteger()).incrementAndGet();
			return new Answer(200, "{\"access_token\":\"" + token.build() + "\",\"token_type\":\"" + type
					+ "\",\"expires_in\":300" + (scope == null ? "" : ",\"scope\":\"" + scope + "\"") + "}");
		} catch (ParseException | JOSEException | RuntimeException e) {
			return error(400, "invalid_request");
		}
	}

	private static JWSVerifier verifier(JWK key) throws JOSEException {
		return key instanceof ECKey ec ? new ECDSAVerifier(ec.toPublicJWK()) : new RSASSAVerifier(((RSAKey) key).toPublicJWK());
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		Arrays.stream(body.split("&")).filter(p -> !p.isEmpty()).forEach(pair -> {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			form.put(name, value);
		});
		return form;
	}

	private static Answer error(int status, String error) {
		return new Answer(status, "{\"error\":\"" + error + "\"}");
	}
}
