package no.dokumentdeling.security.dev;

import com.nimbusds.jose.JOSEException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local dev issuer, only in the {@code dev} profile: makes sure its key exists at startup, serves its public
 * JWKS at {@code /dev/jwks}, and mints tokens at {@code GET /dev/token} (what {@code make token} calls while the
 * server runs, so a token costs no JVM start). Nothing of it exists in any other profile.
 */
@RestController
@Profile("dev")
public class DevIssuer {

	private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);

	public DevIssuer() {
		DevIssuerKeys.loadOrCreate();
		log.warn("Dev profile: trusting the local dev issuer {} (key in {}). Get a token with "
				+ "'make token ROLE=source|gp|citizen|auditor' (see 'make help') or GET /dev/token?role=..., and send "
				+ "it as 'Authorization: Bearer <token>'.", DevIssuerKeys.ISSUER, DevIssuerKeys.PRIVATE_KEY);
	}

	@GetMapping(path = "/dev/jwks", produces = "application/jwk-set+json")
	public Map<String, Object> jwks() {
		return DevIssuerKeys.publicJwks().toJSONObject(true);
	}

	/** A dev access token; the parameters are {@link DevTokenRequest#of}'s. A bad one gets 400 with the reason. */
	@GetMapping(path = "/dev/token")
	public ResponseEntity<String> token(@RequestParam Map<String, String> parameters) throws JOSEException {
		try {
			String token = DevTokens.sign(DevTokens.claims(DevTokenRequest.of(parameters)));
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(token + "\n");
		} catch (IllegalArgumentException e) {
			return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(e.getMessage() + "\n");
		}
	}
}
