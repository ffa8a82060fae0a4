package no.dokumentdeling.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.dokumentdeling.fhir.EarlyRefusal;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.springframework.stereotype.Component;

/**
 * Records an MHD call that a servlet filter refused before HAPI ran. A caller who authenticated (and was then
 * refused, e.g. for a body over the limit) is accountable: the record is the transaction's own, always written. A
 * request without a caller gets an {@link UnauthenticatedAttempt} record, within the limits of the {@link
 * UnauthenticatedFailureLimiter}, since anyone can send those at any rate.
 */
@Component
class RefusedRequestRecorder {

	/** What the caller sends is stored only this long: an attacker's text must not cost more than a record's worth. */
	static final int MAX_HEADER_LENGTH = 200;
	static final int MAX_QUERY_LENGTH = 2_000;

	private final AuditTrail trail;
	private final UnauthenticatedFailureLimiter limiter;
	private final UnauthenticatedAttemptEvents events;
	private final NamedPatient namedPatient;

	RefusedRequestRecorder(AuditTrail trail, UnauthenticatedFailureLimiter limiter, UnauthenticatedAttemptEvents events,
			NamedPatient namedPatient) {
		this.trail = trail;
		this.limiter = limiter;
		this.events = events;
		this.namedPatient = namedPatient;
	}

	void record(HttpServletRequest request, MhdTransaction transaction, EarlyRefusal refusal) {
		Optional<Caller> caller = Callers.of(request);
		if (caller.isPresent()) {
			trail.record(new AuditRecord(transaction, caller, List.of(), List.of(), null, refusal.status(),
					refusal.reason(), request.getRemoteAddr(), Instant.now()));
			return;
		}
		if (!limiter.tryAcquire(request.getRemoteAddr())) {
			return;
		}
		boolean search = transaction == MhdTransaction.ITI_66 || transaction == MhdTransaction.ITI_67;
		Map<String, String[]> parameters = search ? QueryParameters.parse(request.getQueryString()) : Map.of();
		trail.write(events.create(new UnauthenticatedAttempt(
				transaction,
				refusal.status(),
				refusal.reason(),
				request.getRemoteAddr(),
				bounded(request.getMethod() + " " + request.getRequestURI(), MAX_HEADER_LENGTH),
				bounded(request.getHeader("nhn-event-id"), MAX_HEADER_LENGTH),
				bounded(request.getHeader("nhn-source-system"), MAX_HEADER_LENGTH),
				search ? namedPatient.in(parameters) : Optional.empty(),
				search ? bounded(QueryParameters.render(parameters), MAX_QUERY_LENGTH) : null,
				Instant.now())));
	}

	private static String bounded(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}
}
