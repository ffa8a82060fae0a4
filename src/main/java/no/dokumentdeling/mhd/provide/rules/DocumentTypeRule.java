package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import no.dokumentdeling.norway.DocumentTypeCodes;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * {@code category} is a level-1 and {@code type} a level-2 code of Volven 9602 (Dokumenttype), and the type
 * belongs under the category ({@code A03-2} Epikrise under {@code A00-1}).
 */
@Component
@Order(60)
public class DocumentTypeRule implements ProvideBundleRule {

	public static final String RULE = "document-type-9602";

	private final DocumentTypeCodes codes;

	public DocumentTypeRule(DocumentTypeCodes codes) {
		this.codes = codes;
	}

	@Override
	public void check(ProvideBundle bundle) {
		for (DocumentReference document : bundle.documentReferences()) {
			String name = document.getMasterIdentifier().getValue();
			if (document.getCategory().size() != 1) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, name + ": exactly one category is expected");
			}
			String category = DocumentTypeCodes.codeIn(document.getCategoryFirstRep())
					.orElseThrow(() -> invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
							name + ": category needs a coding from " + DocumentTypeCodes.SYSTEM));
			if (!codes.isCategory(category)) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
						name + ": category " + category + " is not a level-1 code of Volven 9602");
			}
			String type = DocumentTypeCodes.codeIn(document.getType())
					.orElseThrow(() -> invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
							name + ": type needs a coding from " + DocumentTypeCodes.SYSTEM));
			String parent = codes.categoryOfType(type)
					.orElseThrow(() -> invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
							name + ": type " + type + " is not a level-2 code of Volven 9602"));
			if (!parent.equals(category)) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
						name + ": type " + type + " belongs under category " + parent + ", not " + category);
			}
		}
	}
}
