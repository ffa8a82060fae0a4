package no.dokumentdeling.observability;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * NHN's convention for integrators: {@code GET /ping} answers anyone, to test the network path; {@code GET
 * /pingauth} answers only a caller with a valid HelseID access token (and DPoP proof where its issuer requires one:
 * the authentication filter covers this path as it covers {@code /fhir}), and says whom it sees, to test the token.
 * Neither touches the database or any patient.
 */
@RestController
public class PingController {

	public static final String PING = "/ping";
	public static final String PING_AUTH = "/pingauth";

	@GetMapping(path = PING, produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> ping() {
		return Map.of("status", "ok", "service", "dokumentdeling");
	}

	@GetMapping(path = PING_AUTH, produces = MediaType.APPLICATION_JSON_VALUE)
	public Map<String, Object> pingAuth(HttpServletRequest request) {
		// The filter refuses every request to this path that has no caller, so one is always attached here.
		Caller caller = Callers.of(request).orElseThrow();
		Map<String, Object> seen = new LinkedHashMap<>();
		seen.put("issuer", caller.issuer());
		seen.put("clientId", caller.clientId());
		seen.put("clientName", caller.clientName());
		seen.put("orgnrParent", caller.orgnrParent());
		seen.put("orgnrChild", caller.orgnrChild());
		seen.put("hprNumber", caller.hprNumber());
		seen.put("name", caller.name());
		seen.put("securityLevel", caller.securityLevel());
		seen.put("scopes", caller.scopes());
		seen.put("dpopBound", caller.dpopBound());
		seen.values().removeIf(Objects::isNull);
		return Map.of("status", "ok", "service", "dokumentdeling", "caller", seen);
	}
}
