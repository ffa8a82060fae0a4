package no.dokumentdeling.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Where the authenticated {@link Caller} of a request is kept, for any later filter or HAPI interceptor. The
 * authentication filter puts it on the servlet request; HAPI's {@link RequestDetails} reach it through there, or
 * through their user data when a caller was attached to them directly (sub-requests).
 */
public final class Callers {

	static final String KEY = Caller.class.getName();

	/** The caller of this FHIR request; empty only for an anonymous {@code GET /fhir/metadata}. */
	public static Optional<Caller> of(RequestDetails request) {
		if (request == null) {
			return Optional.empty();
		}
		if (request.getUserData().get(KEY) instanceof Caller caller) {
			return Optional.of(caller);
		}
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			Optional<Caller> caller = of(servlet.getServletRequest());
			caller.ifPresent(c -> request.getUserData().put(KEY, c));
			return caller;
		}
		return Optional.empty();
	}

	public static Optional<Caller> of(HttpServletRequest request) {
		return request.getAttribute(KEY) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
	}

	static void attach(HttpServletRequest request, Caller caller) {
		request.setAttribute(KEY, caller);
	}

	private Callers() {}
}
