package no.dokumentdeling.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.dpop.verifiers.AccessTokenValidationException;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProtectedResourceRequestVerifier;
import com.nimbusds.oauth2.sdk.dpop.verifiers.InvalidDPoPProofException;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import no.dokumentdeling.database.DatabaseUnavailable;
import no.dokumentdeling.fhir.RestfulServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Checks the DPoP proof of a request (RFC 9449 §4.3, §7.1) with Nimbus: {@code typ} {@code dpop+jwt}, an allowed
 * asymmetric {@code alg}, a public {@code jwk} that verifies the signature, {@code htm} = the method, {@code htu} =
 * the externally visible URL without query, a fresh {@code iat}, {@code ath} = hash of the token, the token's
 * {@code cnf.jkt} = thumbprint of the proof key, and a {@code jti} never seen by any replica.
 */
final class DpopVerifier {

	private static final Logger log = LoggerFactory.getLogger(DpopVerifier.class);
	private static final JOSEObjectType DPOP_TYPE = new JOSEObjectType("dpop+jwt");

	private final DPoPProtectedResourceRequestVerifier verifier;
	private final String publicBaseUrl;

	/**
	 * @param publicBaseUrl the external FHIR base, or empty to trust the request's own URL
	 */
	DpopVerifier(SecurityProperties properties, String publicBaseUrl, DpopReplayCache replayCache) {
		this.verifier = new DPoPProtectedResourceRequestVerifier(
				AccessTokenValidator.ALLOWED_ALGORITHMS,
				properties.leeway().toSeconds(),
				properties.dpopMaxAge().toSeconds(),
				replayCache);
		this.publicBaseUrl = stripTrailingSlash(publicBaseUrl);
	}

	void verify(HttpServletRequest request, String proofHeader, AccessTokenValidator.ValidatedToken token)
			throws AuthenticationFailure {
		SignedJWT proof;
		try {
			proof = SignedJWT.parse(proofHeader);
		} catch (ParseException | RuntimeException e) {
			throw AuthenticationFailure.invalidProof("The DPoP proof is malformed.");
		}
		// A proof must carry the public key only; one that ships its private key proves nothing about possession.
		if (proof.getHeader().getJWK() == null || proof.getHeader().getJWK().isPrivate()) {
			throw AuthenticationFailure.invalidProof("The DPoP proof must carry a public key.");
		}
		if (!DPOP_TYPE.equals(proof.getHeader().getType())) {
			throw AuthenticationFailure.invalidProof("The DPoP proof must have typ dpop+jwt.");
		}
		JWKThumbprintConfirmation confirmation;
		try {
			confirmation = JWKThumbprintConfirmation.parse(token.claims());
		} catch (RuntimeException e) {
			confirmation = null;
		}
		if (confirmation == null) {
			throw AuthenticationFailure.invalidToken("The access token is not bound to a DPoP key.");
		}
		checkAth(proof, token);
		try {
			// Nimbus compares htu with the URL as strings; the comparison RFC 9449 asks for is made here, and Nimbus is
			// given the proof's own spelling of the URL when the two name the same target.
			URI target = targetUri(request);
			URI asNamed = HtuMatching.htuNaming(proof.getJWTClaimsSet().getClaim("htu"), target).orElse(target);
			verifier.verify(request.getMethod(), asNamed, new DPoPIssuer(confirmation.getValue().toString()),
					proof, new DPoPAccessToken(token.value()), confirmation);
		} catch (InvalidDPoPProofException e) {
			rethrowIfDatabaseUnavailable(e);
			log.info("DPoP proof refused: {}", e.getMessage());
			throw AuthenticationFailure.invalidProof("The DPoP proof is invalid, stale or used before.").because(e.getMessage());
		} catch (AccessTokenValidationException e) {
			log.info("DPoP-bound token refused: {}", e.getMessage());
			throw AuthenticationFailure.invalidToken("The access token is not bound to the DPoP proof's key.").because(e.getMessage());
		} catch (JOSEException | ParseException | RuntimeException e) {
			rethrowIfDatabaseUnavailable(e);
			log.info("DPoP proof refused: {}", e.getMessage());
			throw AuthenticationFailure.invalidProof("The DPoP proof is invalid.").because(e.getMessage());
		}
	}

	/** The replay check could not reach the database: that is an outage (503), not a bad proof. */
	private static void rethrowIfDatabaseUnavailable(Exception e) {
		if (DatabaseUnavailable.causedBy(e)) {
			throw new DataAccessResourceFailureException("The DPoP replay check could not reach the database", e);
		}
	}

	/** {@code ath} must be the hash of this very token (Nimbus checks it too, but reports it as a token error). */
	private static void checkAth(SignedJWT proof, AccessTokenValidator.ValidatedToken token) throws AuthenticationFailure {
		try {
			if (token.accessTokenHash().toString().equals(proof.getJWTClaimsSet().getClaim("ath"))) {
				return;
			}
		} catch (ParseException e) {
			// falls through to the refusal
		}
		throw AuthenticationFailure.invalidProof("The DPoP proof's ath does not match the access token.");
	}

	/** The URL the client called, as the client saw it: behind a proxy that is the configured public base. */
	URI targetUri(HttpServletRequest request) throws AuthenticationFailure {
		try {
			if (publicBaseUrl.isEmpty()) {
				return new URI(request.getRequestURL().toString());
			}
			if (!RestfulServerConfig.FHIR_PATH.equals(request.getServletPath())) {
				// /pingauth lies beside the FHIR base, wherever the proxy puts that.
				return new URI(publicBaseUrl + "/").resolve(".." + request.getServletPath());
			}
			String path = request.getPathInfo() == null ? "" : request.getPathInfo();
			return new URI(publicBaseUrl + path);
		} catch (URISyntaxException e) {
			throw AuthenticationFailure.invalidRequest("The request URL cannot be matched against a DPoP proof.");
		}
	}

	private static String stripTrailingSlash(String url) {
		String trimmed = url == null ? "" : url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}
}
