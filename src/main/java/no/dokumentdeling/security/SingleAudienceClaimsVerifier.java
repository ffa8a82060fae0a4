package no.dokumentdeling.security;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Duration;
import java.util.Set;

/**
 * Nimbus' claims checks (exact {@code iss}; {@code aud}, {@code exp} required; {@code exp}/{@code nbf} with leeway)
 * plus one Nimbus does not make: the token names exactly one audience, ours. Nimbus accepts a token whose audiences
 * merely include ours, and a token meant for several APIs could then be replayed against each of them.
 */
final class SingleAudienceClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

	SingleAudienceClaimsVerifier(String audience, String issuer, Duration leeway) {
		super(Set.of(audience),
				new JWTClaimsSet.Builder().issuer(issuer).build(),
				Set.of(JWTClaimNames.ISSUER, JWTClaimNames.AUDIENCE, JWTClaimNames.EXPIRATION_TIME),
				Set.of());
		setMaxClockSkew((int) leeway.toSeconds());
	}

	@Override
	public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
		super.verify(claims, context);
		if (claims.getAudience().size() != 1) {
			throw new BadJWTException("The token has more than one audience");
		}
	}
}
