package no.dokumentdeling.fhir;

import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * A FHIR request that a servlet filter answered itself, before HAPI saw it: no or a bad token, a body over the
 * limit. The filter leaves it on the request, so the audit trail can record the calls HAPI never got to.
 *
 * @param status the HTTP status the filter answered with
 * @param reason what was wrong, for operators and auditors (never sent to the client)
 */
public record EarlyRefusal(int status, String reason) {

	private static final String KEY = EarlyRefusal.class.getName();

	/** Long enough for any of our own reasons; a reason built from a library message stays bounded too. */
	static final int MAX_REASON_LENGTH = 300;

	public EarlyRefusal {
		if (reason != null && reason.length() > MAX_REASON_LENGTH) {
			reason = reason.substring(0, MAX_REASON_LENGTH);
		}
	}

	public void attachTo(ServletRequest request) {
		request.setAttribute(KEY, this);
	}

	public static Optional<EarlyRefusal> of(ServletRequest request) {
		return request.getAttribute(KEY) instanceof EarlyRefusal refusal ? Optional.of(refusal) : Optional.empty();
	}
}
