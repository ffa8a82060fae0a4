package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceContentComponent;

/** When {@code attachment.size} is given, it is the number of bytes of the decoded document. */
@Component
@Order(51)
public class AttachmentSizeRule implements ProvideBundleRule {

	public static final String RULE = "attachment-size";

	@Override
	public void check(ProvideBundle bundle) {
		var binaries = bundle.binariesByFullUrl();
		for (DocumentReference document : bundle.documentReferences()) {
			for (DocumentReferenceContentComponent content : document.getContent()) {
				Attachment attachment = content.getAttachment();
				if (bundle.isRepositoryReference(attachment) || !attachment.hasSize()) {
					continue;
				}
				int actual = binaries.get(attachment.getUrl()).getData().length;
				if (attachment.getSize() != actual) {
					throw invalid(RULE, XdsErrorCode.XDSNonIdenticalSize, document.getMasterIdentifier().getValue()
							+ ": attachment.size is " + attachment.getSize() + " but the document has " + actual + " bytes");
				}
			}
		}
	}
}
