package no.dokumentdeling.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token issuer for tests, standing in for HelseID: its own RSA and EC keys, its JWKS served over HTTP on
 * 127.0.0.1, key rotation on demand, and access tokens minted with real signatures. Tokens are built from role
 * templates ({@link #source()}, {@link #gp()}, {@link #citizen(String)}, {@link #auditor()}) and can be bent for
 * negative tests.
 */
public final class TestIssuer implements AutoCloseable {

	public static final String AUDIENCE = "dokumentdeling";
	public static final String CREATE = "dokumentdeling/mhd/create-documents-with-reference";
	public static final String READ_REFERENCES = "dokumentdeling/mhd/read-documentreferences";
	public static final String READ_DOCUMENT = "dokumentdeling/mhd/read-document";
	public static final String CITIZEN = "dokumentdeling/citizen";
	public static final String AUDIT = "dokumentdeling/audit";
	public static final String KJERNEJOURNALFORSKRIFTEN = READ_REFERENCES + "/kjernejournalforskriften";

	private static TestIssuer dpop;
	private static TestIssuer bearer;

	private final HttpServer http;
	private final String issuer;
	private final AtomicInteger jwksFetches = new AtomicInteger();
	private final TokenEndpoint tokenEndpoint = new TokenEndpoint(this);
	private volatile RSAKey rsa;
	private volatile ECKey ec;

	private TestIssuer(String name) {
		try {
			http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/" + name;
		rotateKeys();
		http.createContext("/" + name + "/jwks", exchange -> {
			jwksFetches.incrementAndGet();
			byte[] body = new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true)
					.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		http.createContext("/" + name + "/token", exchange -> {
			TokenEndpoint.Answer answer = tokenEndpoint.answer(exchange.getRequestMethod(), exchange.getRequestHeaders()
					.getFirst("DPoP"), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.getResponseHeaders().add("Cache-Control", "no-store");
			exchange.sendResponseHeaders(answer.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		http.start();
	}

	/** The OAuth 2.0 token endpoint of this issuer (client credentials with {@code private_key_jwt}, DPoP optional). */
	public String tokenEndpoint() {
		return issuer + "/token";
	}

	/** Lets a client get tokens at {@link #tokenEndpoint()} with assertions signed by {@code publicKey}'s private key. */
	public void registerClient(String clientId, JWK publicKey, Map<String, Object> claims) {
		tokenEndpoint.register(clientId, publicKey, claims);
	}

	/** How many tokens the token endpoint has issued to this client. */
	public int tokensIssuedTo(String clientId) {
		return tokenEndpoint.issuedTo(clientId);
	}

	/** The issuer whose tokens must be DPoP-bound (as HelseID's are for NHN APIs). */
	public static synchronized TestIssuer dpop() {
		if (dpop == null) {
			dpop = new TestIssuer("helseid-dpop");
			Runtime.getRuntime().addShutdownHook(new Thread(dpop::close));
		}
		return dpop;
	}

	/** A second issuer configured with {@code require-dpop: false}, whose tokens may also be sent as Bearer. */
	public static synchronized TestIssuer bearer() {
		if (bearer == null) {
			bearer = new TestIssuer("helseid-bearer");
			Runtime.getRuntime().addShutdownHook(new Thread(bearer::close));
		}
		return bearer;
	}

	public String issuer() {
		return issuer;
	}

	public String jwksUri() {
		return issuer + "/jwks";
	}

	public int jwksFetches() {
		return jwksFetches.get();
	}

	/** New signing keys with new key ids; the JWKS publishes only them from now on. */
	public synchronized void rotateKeys() {
		try {
			rsa = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
			ec = new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	public RSAKey rsaKey() {
		return rsa;
	}

	// ---- role templates ------------------------------------------------------------------------------------

	/** A hospital's journal system publishing with ITI-65 (a client credentials token, no person). */
	public Token source() {
		return token().scope(CREATE)
				.claim("client_id", "dokumentdeling-test-epj")
				.claim("helseid://claims/client/client_name", "Testsykehusets EPJ")
				.claim("helseid://claims/client/claims/orgnr_parent", "993467049")
				.claim("helseid://claims/client/claims/orgnr_child", "974589095");
	}

	/** A GP (fastlege) at security level 4 with an HPR number and trust-framework details. */
	public Token gp() {
		return token().scope(READ_REFERENCES, READ_DOCUMENT)
				.claim("sub", "gp-" + UUID.randomUUID())
				.claim("client_id", "dokumentdeling-test-gp-epj")
				.claim("helseid://claims/identity/pid", SyntheticFodselsnummer.next())
				.claim("helseid://claims/hpr/hpr_number", "565505933")
				.claim("helseid://claims/identity/security_level", "4")
				.claim("name", "Kari Lege")
				.claim("helseid://claims/client/claims/orgnr_parent", "912345678")
				.claim("helseid://claims/client/claims/orgnr_child", "987654321")
				.claim("authorization_details", List.of(trustFramework()));
	}

	/** A citizen through Helsenorge. */
	public Token citizen(String fnr) {
		return token().scope(CITIZEN)
				.claim("sub", "citizen-" + fnr)
				.claim("client_id", "helsenorge")
				.claim("helseid://claims/identity/pid", fnr)
				.claim("helseid://claims/identity/security_level", "4")
				.claim("name", "Ola Innbygger");
	}

	public Token auditor() {
		return token().scope(AUDIT).claim("client_id", "dokumentdeling-test-audit");
	}

	/** Trust-framework authorization_details as HelseID sends them for a GP office treating the patient. */
	public static Map<String, Object> trustFramework() {
		return trustFramework("TREAT");
	}

	/** The same, with another purpose of use (e.g. {@code ETREAT} for emergency treatment). */
	public static Map<String, Object> trustFramework(String purposeOfUse) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("type", "nhn:tillitsrammeverk:parameters");
		details.put("practitioner", Map.of(
				"authorization", Map.of("code", "LE", "system", "urn:oid:2.16.578.1.12.4.1.1.9060"),
				"legal_entity", Map.of("id", "912345678", "system", "urn:oid:2.16.578.1.12.4.1.4.101", "name", "Testlegekontoret AS"),
				"point_of_care", Map.of("id", "987654321", "system", "urn:oid:2.16.578.1.12.4.1.4.101", "name", "Testlegekontoret"),
				"department", Map.of("id", "", "system", "")));
		details.put("care_relationship", Map.of(
				"healthcare_service", Map.of("code", "S03", "system", "urn:oid:2.16.578.1.12.4.1.1.8655"),
				"purpose_of_use", Map.of("code", purposeOfUse, "system", "urn:oid:2.16.840.1.113883.1.11.20448"),
				"decision_ref", Map.of("id", "ref-" + UUID.randomUUID(), "user_selected", false)));
		details.put("patients", List.of());
		return details;
	}

	/** A bare token of this issuer for our audience, valid for five minutes, signed RS256, typ at+jwt. */
	public Token token() {
		return new Token(this);
	}

	@Override
	public void close() {
		http.stop(0);
	}

	/** An access token under construction. */
	public static final class Token {
		private final Map<String, Object> claims = new LinkedHashMap<>();
		private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
		private JOSEObjectType type = new JOSEObjectType("at+jwt");
		private JWK signingKey;
		private final TestIssuer issuer;

		private Token(TestIssuer issuer) {
			this.issuer = issuer;
			Instant now = Instant.now();
			claims.put("iss", issuer.issuer);
			claims.put("aud", AUDIENCE);
			claims.put("iat", Date.from(now));
			claims.put("nbf", Date.from(now));
			claims.put("exp", Date.from(now.plus(Duration.ofMinutes(5))));
			claims.put("jti", UUID.randomUUID().toString());
			claims.put("sub", "test-" + UUID.randomUUID());
		}

		public Token claim(String name, Object value) {
			claims.put(name, value);
			return this;
		}

		public Token without(String name) {
			claims.remove(name);
			return this;
		}

		/** Scopes as a JSON array, as HelseID sends them. */
		public Token scope(String... scopes) {
			return claim("scope", List.of(scopes));
		}

		/** Scopes as one space-separated string (RFC 8693 style). */
		public Token scopeString(String... scopes) {
			return claim("scope", String.join(" ", scopes));
		}

		public Token expiresAt(Instant exp) {
			return claim("exp", Date.from(exp));
		}

		public Token notBefore(Instant nbf) {
			return claim("nbf", Date.from(nbf));
		}

		public Token type(String typ) {
			this.type = typ == null ? null : new JOSEObjectType(typ);
			return this;
		}

		/** Signs with the issuer's EC key (ES256) instead of its RSA key. */
		public Token es256() {
			this.algorithm = JWSAlgorithm.ES256;
			return this;
		}

		/** Signs with another key than the issuer's (with its own kid). */
		public Token signedWith(JWK key) {
			this.signingKey = key;
			this.algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
			return this;
		}

		/** Binds the token to a DPoP key ({@code cnf.jkt}). */
		public Token boundTo(DpopKey key) {
			return claim("cnf", Map.of("jkt", key.thumbprint()));
		}

		public String build() {
			JWK key = signingKey != null ? signingKey : algorithm == JWSAlgorithm.ES256 ? issuer.ec : issuer.rsa;
			try {
				JWSSigner signer = key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key);
				SignedJWT jwt = new SignedJWT(
						new JWSHeader.Builder(algorithm).type(type).keyID(key.getKeyID()).build(), claimsSet());
				jwt.sign(signer);
				return jwt.serialize();
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}

		/** The same claims with {@code alg: none} and no signature. */
		public String buildUnsigned() {
			String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"at+jwt\"}").toString();
			return header + "." + Base64URL.encode(claimsSet().toString()) + ".";
		}

		/** HS256 "signed" with the issuer's public RSA key as the HMAC secret: the classic algorithm confusion attack. */
		public String buildHs256WithPublicKeyAsSecret() {
			try {
				byte[] secret = issuer.rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(type)
						.keyID(issuer.rsa.getKeyID()).build(), claimsSet());
				jwt.sign(new MACSigner(secret));
				return jwt.serialize();
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}

		private JWTClaimsSet claimsSet() {
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
			claims.forEach((name, value) -> builder.claim(name, value instanceof List<?> list ? new ArrayList<>(list) : value));
			return builder.build();
		}
	}
}
