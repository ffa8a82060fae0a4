package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import no.dokumentdeling.mhd.provide.MetadataOption;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceContentComponent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A DocumentReference submitted under a Comprehensive option (Comprehensive or UnContained Comprehensive) carries
 * the whole XDS DocumentEntry, as IHE.MHD.UnContained.Comprehensive.DocumentReference requires (1..1 / 1..*):
 * securityLabel (confidentialityCode), content.attachment.language (languageCode) and creation (creationTime),
 * content.format (formatCode), context.facilityType (healthcareFacilityTypeCode), context.practiceSetting
 * (practiceSettingCode) and context.sourcePatientInfo (sourcePatientId). Type, category and subject the
 * {@link DocumentReferenceElementsRule} asks of every submission.
 */
@Component
@Order(41)
public class ComprehensiveDocumentReferenceRule implements ProvideBundleRule {

	public static final String RULE = "comprehensive-document-reference";

	@Override
	public void check(ProvideBundle bundle) {
		for (DocumentReference document : bundle.documentReferences()) {
			if (!MetadataOption.of(document, bundle).comprehensive()) {
				continue;
			}
			String name = document.getMasterIdentifier().getValue();
			require(document.hasSecurityLabel() && document.getSecurityLabel().stream().allMatch(CodeableConcept::hasCoding),
					name, "securityLabel");
			for (DocumentReferenceContentComponent content : document.getContent()) {
				require(content.getAttachment().hasLanguage(), name, "content.attachment.language");
				require(content.getAttachment().hasCreation(), name, "content.attachment.creation");
				require(content.hasFormat() && content.getFormat().hasCode(), name, "content.format");
			}
			require(document.hasContext(), name, "context");
			require(coded(document.getContext().getFacilityType()), name, "context.facilityType");
			require(coded(document.getContext().getPracticeSetting()), name, "context.practiceSetting");
			require(document.getContext().hasSourcePatientInfo(), name, "context.sourcePatientInfo");
		}
	}

	private static boolean coded(CodeableConcept concept) {
		return concept != null && concept.getCoding().stream().anyMatch(c -> c.hasSystem() && c.hasCode());
	}

	private static void require(boolean present, String document, String element) {
		if (!present) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, document
					+ ": a Comprehensive DocumentReference (IHE MHD) requires " + element);
		}
	}
}
