package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import java.util.Map;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceContentComponent;

/**
 * {@code content.attachment.url} points at a Binary of the same bundle (by fullUrl), and that Binary has bytes;
 * unless the document is published by reference ({@link ReferenceRepositoryRule}).
 */
@Component
@Order(50)
public class AttachmentInBundleRule implements ProvideBundleRule {

	public static final String RULE = "attachment-in-bundle";

	@Override
	public void check(ProvideBundle bundle) {
		Map<String, Binary> binaries = bundle.binariesByFullUrl();
		for (DocumentReference document : bundle.documentReferences()) {
			for (DocumentReferenceContentComponent content : document.getContent()) {
				if (bundle.isRepositoryReference(content.getAttachment())) {
					// Kept at the source's repository: ReferenceRepositoryRule's.
					continue;
				}
				String url = content.getAttachment().getUrl();
				Binary binary = binaries.get(url);
				if (binary == null) {
					throw invalid(RULE, XdsErrorCode.XDSMissingDocument, document.getMasterIdentifier().getValue()
							+ ": content.attachment.url " + url + " does not name a Binary entry of this bundle");
				}
				if (!binary.hasData() || binary.getData().length == 0) {
					throw invalid(RULE, XdsErrorCode.XDSMissingDocument, "The Binary " + url + " has no data");
				}
			}
		}
	}
}
