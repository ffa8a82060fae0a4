package no.dokumentdeling.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a federating index's caller into the person it reads for, from its {@link OnBehalfAssertion}: verified with
 * the key configured for that index, issued by the same client as the access token, for exactly the URL requested,
 * short-lived, and naming a person (HPR number or national id) with the trust framework's legal entity and purpose of
 * use. The caller keeps the index's role and client; person, trust framework and access basis are the assertion's,
 * so the audit record names both.
 */
final class OnBehalfAssertionVerifier {

	private static final Logger log = LoggerFactory.getLogger(OnBehalfAssertionVerifier.class);

	private final FederationTrustProperties trust;
	private final Duration leeway;
	private final JwksSources.Fetching fetching;
	private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();

	OnBehalfAssertionVerifier(FederationTrustProperties trust, SecurityProperties security) {
		this.trust = trust;
		this.leeway = security.leeway();
		this.fetching = JwksSources.Fetching.of(security);
	}

	Caller verify(HttpServletRequest request, Caller index, URI target) throws AuthenticationFailure {
		FederationTrustProperties.TrustedIndex trusted = index.clientId() == null ? null
				: trust.index(index.clientId()).orElse(null);
		if (trusted == null) {
			throw AuthenticationFailure.invalidToken("This client is not a federating index trusted by this repository.");
		}
		List<String> assertions = Collections.list(request.getHeaders(OnBehalfAssertion.HEADER));
		if (assertions.size() != 1) {
			throw AuthenticationFailure.invalidRequest("A federating index sends exactly one " + OnBehalfAssertion.HEADER
					+ " assertion naming the person it reads for.");
		}
		JWTClaimsSet claims;
		try {
			claims = processor(trusted).process(assertions.get(0), null);
		} catch (Exception e) {
			log.info("On-behalf-of assertion refused: {}", e.getMessage());
			throw AuthenticationFailure.invalidToken("The " + OnBehalfAssertion.HEADER + " assertion is invalid.")
					.because(e.getMessage());
		}
		if (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()
				> OnBehalfAssertion.MAX_LIFETIME_SECONDS * 1000) {
			throw AuthenticationFailure.invalidToken("The " + OnBehalfAssertion.HEADER + " assertion lives too long.");
		}
		if (claims.getAudience().size() != 1 || HtuMatching.htuNaming(claims.getAudience().get(0), target).isEmpty()) {
			throw AuthenticationFailure.invalidToken("The " + OnBehalfAssertion.HEADER + " assertion is for another URL.");
		}
		Caller person = CallerFactory.onBehalf(claims, index);
		if (!Caller.present(person.hprNumber()) && !Caller.present(person.pid())) {
			throw AuthenticationFailure.invalidToken("The " + OnBehalfAssertion.HEADER + " assertion names no person.");
		}
		if (Caller.present(person.hprNumber()) && person.trustFramework().filter(Caller.TrustFramework::isComplete).isEmpty()) {
			throw AuthenticationFailure.invalidToken("The " + OnBehalfAssertion.HEADER + " assertion for health personnel "
					+ "needs the trust framework's legal entity, point of care and purpose of use.");
		}
		return person;
	}

	private DefaultJWTProcessor<SecurityContext> processor(FederationTrustProperties.TrustedIndex index) {
		return processors.computeIfAbsent(index.clientId(), id -> {
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(OnBehalfAssertion.TYPE)));
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(AccessTokenValidator.ALLOWED_ALGORITHMS,
					JwksSources.of(index.jwksUri(), index.jwksFile(), fetching)));
			DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
					new JWTClaimsSet.Builder().issuer(id).build(), Set.of("iat", "exp", "aud", "sub", "jti"));
			claims.setMaxClockSkew((int) leeway.toSeconds());
			processor.setJWTClaimsSetVerifier(claims);
			return processor;
		});
	}
}
