package no.dokumentdeling.mhd.provide;

/**
 * The XDS error codes an ITI-65 rejection carries in {@code OperationOutcome.issue.details.coding}, so a Document
 * Source that already speaks XDS can map our answer to its own handling.
 */
public enum XdsErrorCode {
	XDSRegistryMetadataError,
	XDSDuplicateUniqueIdInRegistry,
	XDSPatientIdDoesNotMatch,
	XDSUnknownPatientId,
	XDSNonIdenticalHash,
	XDSNonIdenticalSize,
	XDSMissingDocument,
	XDSUnknownRepositoryId,
	UnresolvedReferenceException;

	/** Code system URL for these codes in our OperationOutcomes (defined in {@code ig/}). */
	public static final String SYSTEM = "https://dokumentdeling.no/fhir/CodeSystem/xds-error-code";
}
