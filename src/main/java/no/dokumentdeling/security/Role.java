package no.dokumentdeling.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who a caller is to this server, decided once from the token's scopes when it is authenticated. Every later step
 * (which operations, which documents, which audit record) asks the role, never the scopes. A token that would make
 * its bearer two of these at once (a GP's token that also carries the citizen scope) is refused: each role's rules
 * assume the others do not apply.
 */
public enum Role {

	/** A document source system (EPJ of a hospital): publishes with ITI-65, registers patients. */
	DOCUMENT_SOURCE(Scopes.CREATE_DOCUMENTS),

	/** Health personnel reading the documents the service shares. */
	HEALTH_PERSONNEL(Scopes.READ_DOCUMENT_REFERENCES, Scopes.READ_DOCUMENT),

	/** Health personnel under the Kjernejournal regulation's list of document types (and its access basis). */
	HEALTH_PERSONNEL_KJERNEJOURNALFORSKRIFTEN(Scopes.KJERNEJOURNALFORSKRIFTEN),

	/** A citizen through Helsenorge: their own documents, innsynslogg and blocks. */
	CITIZEN(Scopes.CITIZEN),

	/** Reads the audit trail. */
	AUDITOR(Scopes.AUDIT),

	/**
	 * A federating index reading a document's bytes (ITI-68 only) from this server as the document's repository, on
	 * behalf of a person it names in a signed assertion ({@link OnBehalfAssertionVerifier}); the index has applied
	 * the document policy for that person.
	 */
	FEDERATING_INDEX(Scopes.FEDERATED_READ_DOCUMENT);

	private final Set<String> scopes;

	Role(String... scopes) {
		this.scopes = Set.of(scopes);
	}

	public boolean isHealthPersonnel() {
		return this == HEALTH_PERSONNEL || this == HEALTH_PERSONNEL_KJERNEJOURNALFORSKRIFTEN;
	}

	/**
	 * The one role these scopes give, or empty if they give none or more than one. The kjernejournalforskriften
	 * scope refines health personnel; with the other health personnel scopes it is still one role.
	 */
	static Optional<Role> of(Set<String> tokenScopes) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Role role : values()) {
			if (tokenScopes.stream().anyMatch(role.scopes::contains)) {
				roles.add(role);
			}
		}
		if (roles.contains(HEALTH_PERSONNEL_KJERNEJOURNALFORSKRIFTEN)) {
			roles.remove(HEALTH_PERSONNEL);
		}
		return roles.size() == 1 ? Optional.of(roles.iterator().next()) : Optional.empty();
	}

	/** The scopes that make up a role, for the words of a refusal. */
	Set<String> scopes() {
		return scopes;
	}
}
