package no.dokumentdeling.federation;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;

/**
 * Why a federated ITI-68 could not be answered with the document, as the consumer is told it (an OperationOutcome
 * with this status) and the audit trail records it: the repository is down or refused (502), took too long (504), is
 * left alone after failing often or has no connection free (503), or served other bytes than the document's (502,
 * an integrity failure). Never a library's words: the text is ours.
 */
public class RepositoryFailure extends UnclassifiedServerFailureException {

	public static final String INTEGRITY_FAILURE = "Integrity failure";

	private final boolean integrity;

	private RepositoryFailure(int status, String message, boolean integrity) {
		super(status, message);
		this.integrity = integrity;
	}

	public boolean isIntegrityFailure() {
		return integrity;
	}

	static RepositoryFailure unreachable() {
		return new RepositoryFailure(502, "The document's repository could not be reached.", false);
	}

	static RepositoryFailure refused(int status) {
		return new RepositoryFailure(502, "The document's repository answered " + status + " instead of the document.", false);
	}

	static RepositoryFailure tooSlow() {
		return new RepositoryFailure(504, "The document's repository did not answer in time.", false);
	}

	static RepositoryFailure circuitOpen() {
		return new RepositoryFailure(503, "The document's repository failed repeatedly and is not asked for a while; "
				+ "try again later.", false);
	}

	static RepositoryFailure noConnectionFree() {
		return new RepositoryFailure(503, "Every connection to the document's repository is busy; try again later.", false);
	}

	static RepositoryFailure notConfigured() {
		return new RepositoryFailure(502, "The document's repository is no longer configured at this server.", false);
	}

	static RepositoryFailure integrity(String what) {
		return new RepositoryFailure(502, INTEGRITY_FAILURE + ": " + what, true);
	}
}
