package no.dokumentdeling.fhir;

import java.util.List;
import java.util.Set;

/** The resource types this server stores, and the subset it answers over REST. */
public final class ServedResourceTypes {

	/** Reachable over REST: what IHE MHD needs, and the citizen's sperring decisions (Consent). */
	public static final Set<String> REST = Set.of("Patient", "DocumentReference", "List", "Binary", "AuditEvent", "Consent");

	/**
	 * Stored in HAPI's tables: the REST types but AuditEvent (our own table, {@code audit.AuditEventTable}), plus what
	 * the server keeps for itself (our SearchParameters from {@code ig/}; HAPI's merge services insist on Provenance
	 * and Task).
	 */
	public static final List<String> STORED = List.of("Patient", "DocumentReference", "List", "Binary", "Consent", "SearchParameter", "Provenance", "Task");

	private ServedResourceTypes() {}
}
