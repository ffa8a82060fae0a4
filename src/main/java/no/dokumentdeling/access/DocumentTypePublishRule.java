package no.dokumentdeling.access;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A source publishes only the document categories the service shares ({@code dokumentdeling.access.publish-categories}). */
@Component
@Order(65)
public class DocumentTypePublishRule implements ProvideBundleRule {

	public static final String RULE = "document-type-policy";

	private final DocumentPolicy policy;

	public DocumentTypePublishRule(DocumentPolicy policy) {
		this.policy = policy;
	}

	@Override
	public void check(ProvideBundle bundle) {
		for (DocumentReference document : bundle.documentReferences()) {
			String category = DocumentTypePolicy.category(document).orElse("(none)");
			if (!policy.mayPublish(category)) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, document.getMasterIdentifier().getValue()
						+ ": documents of category " + category + " are not shared through this service");
			}
		}
	}
}
