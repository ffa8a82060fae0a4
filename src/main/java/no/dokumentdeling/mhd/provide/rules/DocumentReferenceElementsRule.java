package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceContentComponent;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;

/**
 * Each DocumentReference carries what a registry entry needs, as IHE.MHD.Minimal.DocumentReference and the national
 * rules ask: a unique id (masterIdentifier with system and value), status {@code current}, no docStatus and no
 * modifier extension, subject, type, one category, and exactly one content whose attachment names its content type
 * and where its bytes are; the bytes themselves travel in a Binary, never inline.
 */
@Component
@Order(40)
public class DocumentReferenceElementsRule implements ProvideBundleRule {

	public static final String RULE = "document-reference-elements";

	@Override
	public void check(ProvideBundle bundle) {
		if (bundle.documentReferences().isEmpty()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "An ITI-65 bundle must publish at least one DocumentReference");
		}
		for (DocumentReference document : bundle.documentReferences()) {
			String name = document.hasMasterIdentifier() ? document.getMasterIdentifier().getValue() : "DocumentReference";
			require(document.hasMasterIdentifier() && document.getMasterIdentifier().hasValue(), name, "masterIdentifier");
			require(document.getMasterIdentifier().hasSystem(), name, "masterIdentifier.system");
			require(document.getStatus() == DocumentReferenceStatus.CURRENT, name, "status 'current'");
			refuse(document.hasDocStatus(), name, "docStatus");
			refuse(document.hasModifierExtension(), name, "modifierExtension");
			require(document.hasSubject(), name, "subject");
			require(document.hasType() && document.getType().hasCoding(), name, "type");
			require(document.hasCategory() && document.getCategoryFirstRep().hasCoding(), name, "category");
			refuse(document.getCategory().size() > 1, name, "more than one category");
			require(document.getContent().size() == 1, name, "exactly one content");
			for (DocumentReferenceContentComponent content : document.getContent()) {
				require(content.getAttachment().hasContentType(), name, "content.attachment.contentType");
				require(content.getAttachment().hasUrl(), name, "content.attachment.url");
				if (content.getAttachment().hasData()) {
					throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, name
							+ ": content.attachment.data is not allowed; put the bytes in a Binary and point attachment.url at it");
				}
			}
		}
	}

	private static void refuse(boolean present, String document, String element) {
		if (present) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, document + ": DocumentReference must not have " + element);
		}
	}

	private static void require(boolean present, String document, String element) {
		if (!present) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, document + ": DocumentReference requires " + element);
		}
	}
}
