package no.dokumentdeling.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.dokumentdeling.security.Caller;

/**
 * What happened in one audited call: the transaction, who made it (if the token was valid), about which patient and
 * documents, and how it ended.
 *
 * @param transaction the MHD transaction, or the change of a citizen's Consent
 * @param caller the authenticated caller, empty when none could be established
 * @param patients the patients concerned, as {@code Patient/{id}}
 * @param documents the documents returned or published, as {@code DocumentReference/{id}}; for a Consent change,
 *     the Consent
 * @param query the query string of a search, if any
 * @param httpStatus the status of the answer
 * @param outcomeText why the call failed, for a failure
 * @param clientAddress the network address the call came from
 * @param recorded when
 */
public record AuditRecord(
		AuditedInteraction transaction,
		Optional<Caller> caller,
		List<String> patients,
		List<String> documents,
		String query,
		int httpStatus,
		String outcomeText,
		String clientAddress,
		Instant recorded) {

	public AuditRecord {
		patients = List.copyOf(patients);
		documents = List.copyOf(documents);
	}

	public boolean succeeded() {
		return httpStatus < 400;
	}

	/** Under {@code nhn-access-basis: akutt}: emergency access, to be visible as such in the innsynslogg. */
	public boolean emergency() {
		return caller.map(c -> "akutt".equalsIgnoreCase(c.accessBasis())).orElse(false);
	}
}
