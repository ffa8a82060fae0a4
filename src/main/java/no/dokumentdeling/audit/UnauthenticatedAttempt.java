package no.dokumentdeling.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A call to an MHD transaction refused because no caller could be established (no token, a bad token or DPoP
 * proof, a malformed {@code Authorization}). Nothing in it comes from the token: unverified claims are no identity.
 *
 * @param transaction the MHD transaction the request addressed
 * @param httpStatus the refusal's status (401, or 400 for a malformed request)
 * @param reason why, e.g. {@code invalid_token: Expired JWT}
 * @param clientAddress the network address the request came from
 * @param requestTarget method and path, e.g. {@code GET /fhir/Binary/123}
 * @param eventId the {@code nhn-event-id} header as sent, for correlation with the client's own log
 * @param sourceSystem the {@code nhn-source-system} header as sent
 * @param patient the one stored patient the query names, as {@code Patient/{id}}
 * @param query the query string of a search
 * @param recorded when
 */
public record UnauthenticatedAttempt(
		MhdTransaction transaction,
		int httpStatus,
		String reason,
		String clientAddress,
		String requestTarget,
		String eventId,
		String sourceSystem,
		Optional<String> patient,
		String query,
		Instant recorded) {}
