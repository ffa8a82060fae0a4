package no.dokumentdeling.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates HelseID access tokens: signed (never {@code alg: none}, never HMAC) with an allowed asymmetric algorithm
 * by a key of the issuer's JWKS, {@code typ} {@code at+jwt} or {@code JWT}, from a trusted issuer (exact {@code
 * iss}), for exactly our audience, with {@code exp} and within {@code exp}/{@code nbf} plus leeway. A token that
 * passed is remembered ({@link ValidatedTokenCache}) for {@code dokumentdeling.security.token-cache-ttl}, while the
 * key that signed it is still in its issuer's JWKS.
 */
final class AccessTokenValidator {

	private static final Logger log = LoggerFactory.getLogger(AccessTokenValidator.class);

	/** RSA, RSA-PSS and EC signatures. HMAC is refused: a verifier could be fooled into using a public key as secret. */
	static final Set<JWSAlgorithm> ALLOWED_ALGORITHMS = Set.of(
			JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
			JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
			JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	/**
	 * A token that passed every check, and the issuer that vouches for it. {@code accessTokenHash} is the {@code ath}
	 * its DPoP proofs must carry (RFC 9449 §4.2), computed once per token rather than once per request.
	 */
	record ValidatedToken(String value, JWTClaimsSet claims, SecurityProperties.Issuer issuer, Base64URL accessTokenHash) {

		ValidatedToken(String value, JWTClaimsSet claims, SecurityProperties.Issuer issuer) {
			this(value, claims, issuer, sha256(value));
		}

		private static Base64URL sha256(String token) {
			try {
				return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
			} catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	private record TrustedIssuer(SecurityProperties.Issuer config, ConfigurableJWTProcessor<SecurityContext> processor,
			JWKSource<SecurityContext> keys) {

		/** Whether the issuer's JWKS, as this server currently has it, still publishes the key with this id. */
		boolean stillPublishes(String keyId) {
			try {
				return !keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId).build()), null).isEmpty();
			} catch (KeySourceException e) {
				return false;
			}
		}
	}

	private final Map<String, TrustedIssuer> issuers = new LinkedHashMap<>();
	private final ValidatedTokenCache validated;

	AccessTokenValidator(SecurityProperties properties) {
		this(properties, Clock.systemUTC());
	}

	AccessTokenValidator(SecurityProperties properties, Clock clock) {
		this.validated = new ValidatedTokenCache(properties.tokenCacheTtl(), properties.leeway(), 10_000, clock);
		for (SecurityProperties.Issuer issuer : properties.issuers()) {
			JWKSource<SecurityContext> keys = JwksSources.forIssuer(issuer, JwksSources.Fetching.of(properties));
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"), JOSEObjectType.JWT));
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED_ALGORITHMS, keys));
			processor.setJWTClaimsSetVerifier(
					new SingleAudienceClaimsVerifier(properties.audience(), issuer.issuer(), properties.leeway()));
			issuers.put(issuer.issuer(), new TrustedIssuer(issuer, processor, keys));
		}
		if (issuers.isEmpty()) {
			log.warn("No token issuer is configured (dokumentdeling.security.issuers): every request except "
					+ "GET /fhir/metadata will be refused with 401.");
		}
	}

	boolean anyIssuerAcceptsBearer() {
		return issuers.values().stream().anyMatch(i -> !i.config().requireDpop());
	}

	ValidatedToken validate(String token) throws AuthenticationFailure {
		Optional<ValidatedTokenCache.Entry> cached = validated.get(token);
		if (cached.isPresent()) {
			TrustedIssuer trusted = issuers.get(cached.get().token().issuer().issuer());
			if (trusted != null && trusted.stillPublishes(cached.get().keyId())) {
				return cached.get().token();
			}
			validated.forget(token);
		}
		JWT jwt;
		String issuer;
		try {
			jwt = JWTParser.parse(token);
			issuer = jwt.getJWTClaimsSet().getIssuer();
		} catch (ParseException | RuntimeException e) {
			throw AuthenticationFailure.invalidToken("The access token is malformed.");
		}
		if (!(jwt instanceof SignedJWT signed)) {
			throw AuthenticationFailure.invalidToken("The access token is not signed.");
		}
		TrustedIssuer trusted = issuer == null ? null : issuers.get(issuer);
		if (trusted == null) {
			throw AuthenticationFailure.invalidToken("The access token is not from an issuer this server trusts.");
		}
		try {
			JWTClaimsSet claims = trusted.processor().process(signed, null);
			ValidatedToken accepted = new ValidatedToken(token, claims, trusted.config());
			if (signed.getHeader().getKeyID() != null && claims.getExpirationTime() != null) {
				validated.put(accepted, signed.getHeader().getKeyID());
			}
			return accepted;
		} catch (KeySourceException e) {
			if (e instanceof RateLimitReachedException) {
				// A key id the issuer does not publish, asked for again too soon: the token's fault, not the issuer's.
				log.info("Access token from {} refused: its key id is unknown and the JWKS was fetched just now", issuer);
				throw AuthenticationFailure.invalidToken("The access token is invalid or has expired.").because(e.getMessage());
			}
			log.warn("The signing keys of {} cannot be fetched: {}", issuer, e.getMessage());
			throw new IssuerKeysUnavailable();
		} catch (BadJOSEException | JOSEException | RuntimeException e) {
			// The reason goes to the log for operators; the client learns only that the token was not accepted.
			log.info("Access token from {} refused: {}", issuer, e.getMessage());
			throw AuthenticationFailure.invalidToken("The access token is invalid or has expired.").because(e.getMessage());
		}
	}
}
