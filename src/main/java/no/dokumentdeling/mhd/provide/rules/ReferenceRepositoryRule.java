package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import no.dokumentdeling.federation.DeclaredHash;
import no.dokumentdeling.federation.RepositoryDirectory;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceContentComponent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reference publishing: a document whose {@code content.attachment.url} is an absolute URL, with no Binary for it in
 * the bundle, stays at the source's repository and is fetched from there at ITI-68. Such a reference is accepted only
 * into a repository configured for the publishing organisation ({@code dokumentdeling.repositories}), and only with
 * {@code size} and a SHA-1 {@code hash}, which every federated read is checked against.
 */
@Component
@Order(49)
public class ReferenceRepositoryRule implements ProvideBundleRule {

	public static final String RULE = "reference-repository";

	private final RepositoryDirectory repositories;

	public ReferenceRepositoryRule(RepositoryDirectory repositories) {
		this.repositories = repositories;
	}

	@Override
	public void check(ProvideBundle bundle) {
		for (DocumentReference document : bundle.documentReferences()) {
			for (DocumentReferenceContentComponent content : document.getContent()) {
				Attachment attachment = content.getAttachment();
				if (!bundle.isRepositoryReference(attachment)) {
					continue;
				}
				String name = document.getMasterIdentifier().getValue();
				if (repositories.ofSource(bundle.publisherOrgnrs(), attachment.getUrl()).isEmpty()) {
					throw invalid(RULE, XdsErrorCode.XDSUnknownRepositoryId, name + ": content.attachment.url "
							+ attachment.getUrl() + " is neither a Binary of this bundle nor in a document repository "
							+ "configured for the publishing organisation");
				}
				if (!attachment.hasSize() || attachment.getSize() < 0) {
					throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, name
							+ ": a document published by reference needs content.attachment.size");
				}
				if (!attachment.hasHash() || DeclaredHash.sha1(attachment.getHash()).isEmpty()) {
					throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, name
							+ ": a document published by reference needs content.attachment.hash, the SHA-1 of its bytes");
				}
			}
		}
	}
}
