package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import java.util.Set;
import java.util.stream.Collectors;
import no.dokumentdeling.mhd.MhdProfiles;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.ListResource.ListMode;
import org.hl7.fhir.r4.model.ListResource.ListStatus;

/**
 * Exactly one SubmissionSet: current, working, dated, with its source system's id (one), at most one
 * designationType, and listing every DocumentReference of the bundle in {@code entry.item}; none of the List
 * elements IHE.MHD.Minimal.SubmissionSet rules out (encounter, orderedBy, emptyReason, entry flag / deleted / date,
 * modifier extensions; note at most once). Every other List in the bundle is a Folder.
 */
@Component
@Order(30)
public class SubmissionSetRule implements ProvideBundleRule {

	public static final String RULE = "submission-set";

	@Override
	public void check(ProvideBundle bundle) {
		var submissionSets = bundle.submissionSets();
		if (submissionSets.size() != 1) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
					"An ITI-65 bundle must hold exactly one SubmissionSet (List with code " + MhdProfiles.LIST_TYPES
							+ "#submissionset); found " + submissionSets.size());
		}
		if (bundle.listEntries().size() != submissionSets.size() + bundle.folders().size()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
					"Every List in an ITI-65 bundle must be a SubmissionSet or a Folder (MHDlistTypes code)");
		}
		ListResource submissionSet = submissionSets.get(0);
		if (submissionSet.getStatus() != ListStatus.CURRENT) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "SubmissionSet.status must be 'current'");
		}
		if (submissionSet.getMode() != ListMode.WORKING) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "SubmissionSet.mode must be 'working'");
		}
		if (!submissionSet.hasDate()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "SubmissionSet.date is required");
		}
		if (!submissionSet.hasSubject()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "SubmissionSet.subject is required");
		}
		var sourceIds = submissionSet.getExtensionsByUrl(MhdProfiles.SOURCE_ID_EXTENSION);
		if (sourceIds.size() != 1 || !(sourceIds.get(0).getValue() instanceof Identifier id) || !id.hasValue()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
					"SubmissionSet needs the extension " + MhdProfiles.SOURCE_ID_EXTENSION + " once, with valueIdentifier");
		}
		if (submissionSet.getExtensionsByUrl(MhdProfiles.DESIGNATION_TYPE_EXTENSION).size() > 1) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
					"SubmissionSet has more than one " + MhdProfiles.DESIGNATION_TYPE_EXTENSION);
		}
		refuseUnused(submissionSet);
		Set<String> listed = submissionSet.getEntry().stream()
				.map(e -> e.getItem().getReference())
				.collect(Collectors.toSet());
		for (BundleEntryComponent document : bundle.documentReferenceEntries()) {
			if (!listed.contains(document.getFullUrl())) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
						"SubmissionSet.entry.item must reference every DocumentReference; missing " + document.getFullUrl());
			}
		}
		for (ListResource folder : bundle.folders()) {
			refuseUnused(folder);
			if (folder.getStatus() != ListStatus.CURRENT || folder.getMode() != ListMode.WORKING || !folder.hasSubject()) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
						"A Folder must be current, working and have a subject");
			}
		}
	}

	/** The List elements an MHD SubmissionSet or Folder leaves unused (0..0 in IHE.MHD.List and its profiles). */
	private static void refuseUnused(ListResource list) {
		String kind = list.getCode().getCodingFirstRep().getCode();
		String unused = list.hasModifierExtension() ? "modifierExtension"
				: list.hasEncounter() ? "encounter"
				: list.hasOrderedBy() ? "orderedBy"
				: list.hasEmptyReason() ? "emptyReason"
				: list.getNote().size() > 1 ? "more than one note"
				: list.getEntry().stream().anyMatch(e -> e.hasFlag() || e.hasDeleted() || e.hasDate()) ? "entry.flag, entry.deleted or entry.date"
				: list.getEntry().stream().anyMatch(e -> !e.getItem().hasReference()) ? "an entry without item.reference"
				: null;
		if (unused != null) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "An MHD " + kind + " List must not have " + unused);
		}
	}
}
