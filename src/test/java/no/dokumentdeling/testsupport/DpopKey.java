package no.dokumentdeling.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** A client's DPoP key pair (EC P-256), making RFC 9449 proofs; {@link Proof} bends one for negative tests. */
public final class DpopKey {

	private final ECKey key;

	private DpopKey(ECKey key) {
		this.key = key;
	}

	public static DpopKey generate() {
		try {
			return new DpopKey(new ECKeyGenerator(Curve.P_256).generate());
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The JWK SHA-256 thumbprint the access token's {@code cnf.jkt} names. */
	public String thumbprint() {
		try {
			return key.computeThumbprint().toString();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A correct proof for one request. */
	public String proof(String method, String url, String accessToken) {
		return proofFor(method, url, accessToken).build();
	}

	public Proof proofFor(String method, String url, String accessToken) {
		return new Proof(method, url, accessToken);
	}

	/** A proof under construction: every field right unless changed. */
	public final class Proof {
		private String method;
		private String url;
		private String ath;
		private Instant issuedAt = Instant.now();
		private String jti = UUID.randomUUID().toString();
		private JWK headerKey = key.toPublicJWK();

		private Proof(String method, String url, String accessToken) {
			this.method = method;
			this.url = stripQuery(url);
			this.ath = hash(accessToken);
		}

		public Proof method(String method) {
			this.method = method;
			return this;
		}

		public Proof url(String url) {
			this.url = url;
			return this;
		}

		public Proof ath(String ath) {
			this.ath = ath;
			return this;
		}

		public Proof athOf(String otherToken) {
			return ath(hash(otherToken));
		}

		public Proof issuedAt(Instant iat) {
			this.issuedAt = iat;
			return this;
		}

		public Proof jti(String jti) {
			this.jti = jti;
			return this;
		}

		/** Puts the private key in the {@code jwk} header, which a proof must never do. */
		public Proof withPrivateKeyInHeader() {
			this.headerKey = key;
			return this;
		}

		public String build() {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
					.jwtID(jti)
					.claim("htm", method)
					.claim("htu", url)
					.issueTime(Date.from(issuedAt));
			if (ath != null) {
				claims.claim("ath", ath);
			}
			// Built by hand rather than with SignedJWT so that a test can put a private key in the header.
			String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + headerKey.toJSONString() + "}";
			String signingInput = Base64URL.encode(header) + "." + Base64URL.encode(claims.build().toString());
			try {
				Base64URL signature = new ECDSASigner(key).sign(
						new JWSHeader(JWSAlgorithm.ES256), signingInput.getBytes(StandardCharsets.US_ASCII));
				return signingInput + "." + signature;
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	static String stripQuery(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
	}

	static String hash(String token) {
		try {
			return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII))).toString();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
