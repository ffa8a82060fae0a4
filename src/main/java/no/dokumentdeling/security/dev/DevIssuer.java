package no.dokumentdeling.security.dev;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local dev issuer, only in the {@code dev} profile: makes sure its key exists at startup, serves its public
 * JWKS at {@code /dev/jwks}, and tells the developer how to get a token.
 */
@RestController
@Profile("dev")
public class DevIssuer {

	private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);

	public DevIssuer() {
		DevIssuerKeys.loadOrCreate();
		log.warn("Dev profile: trusting the local dev issuer {} (key in {}). Get a token with "
				+ "'make token ROLE=source|gp|citizen|auditor [PATIENT=<fnr>]' and send it as "
				+ "'Authorization: Bearer <token>'.", DevIssuerKeys.ISSUER, DevIssuerKeys.PRIVATE_KEY);
	}

	@GetMapping(path = "/dev/jwks", produces = "application/jwk-set+json")
	public Map<String, Object> jwks() {
		return DevIssuerKeys.publicJwks().toJSONObject(true);
	}
}
