package no.dokumentdeling.access;

import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Scopes;

/** The kinds of reader the visibility rules tell apart. */
final class Readers {

	static boolean isHealthPersonnel(Caller caller) {
		return !caller.hasScope(Scopes.CITIZEN)
				&& (caller.hasScope(Scopes.READ_DOCUMENT_REFERENCES) || caller.hasScope(Scopes.READ_DOCUMENT));
	}

	static boolean isCitizen(Caller caller) {
		return caller.hasScope(Scopes.CITIZEN);
	}

	/**
	 * Emergency access ({@code nhn-access-basis: akutt} with purpose of use {@code ETREAT}) lifts the patient's
	 * sperring of documents, never a block of a named person.
	 */
	static boolean isEmergency(Caller caller) {
		return "akutt".equalsIgnoreCase(caller.accessBasis())
				&& caller.trustFramework().map(tf -> "ETREAT".equalsIgnoreCase(tf.purposeOfUse())).orElse(false);
	}

	private Readers() {}
}
