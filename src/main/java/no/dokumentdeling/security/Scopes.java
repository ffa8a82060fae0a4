package no.dokumentdeling.security;

/** The scopes of this API, under its audience, after the model of NHN's PJD scopes. */
public final class Scopes {

	/** ITI-65 Provide Document Bundle, and registering or correcting a Patient: document source systems. */
	public static final String CREATE_DOCUMENTS = "dokumentdeling/mhd/create-documents-with-reference";

	/** ITI-66 / ITI-67 (List and DocumentReference search and read) and Patient search and read: health personnel. */
	public static final String READ_DOCUMENT_REFERENCES = "dokumentdeling/mhd/read-documentreferences";

	/** ITI-68 Retrieve Document (Binary read): health personnel. */
	public static final String READ_DOCUMENT = "dokumentdeling/mhd/read-document";

	/** Health personnel under the Kjernejournal regulation's list of document types (with ITI-66/67/68). */
	public static final String KJERNEJOURNALFORSKRIFTEN = READ_DOCUMENT_REFERENCES + "/kjernejournalforskriften";

	/** A citizen through Helsenorge: their own documents only. */
	public static final String CITIZEN = "dokumentdeling/citizen";

	/** Reading the audit trail (AuditEvent search and read, any patient's innsynslogg): auditors. */
	public static final String AUDIT = "dokumentdeling/audit";

	/**
	 * ITI-68 at this server as a document repository, by a national index that publishes references to it and reads
	 * the bytes for its own consumers (federated ITI-68): the index's client-credentials token, always together with
	 * a signed on-behalf-of assertion naming the person it reads for.
	 */
	public static final String FEDERATED_READ_DOCUMENT = "dokumentdeling/federation/read-document";

	private Scopes() {}
}
