package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceContentComponent;

/**
 * When {@code attachment.hash} is given, it is the SHA-1 of the decoded document. FHIR carries it base64-encoded;
 * sources converted from XDS sometimes base64-encode the hex string instead, which names the same digest and is
 * accepted too.
 */
@Component
@Order(52)
public class AttachmentHashRule implements ProvideBundleRule {

	public static final String RULE = "attachment-hash";

	@Override
	public void check(ProvideBundle bundle) {
		var binaries = bundle.binariesByFullUrl();
		for (DocumentReference document : bundle.documentReferences()) {
			for (DocumentReferenceContentComponent content : document.getContent()) {
				Attachment attachment = content.getAttachment();
				if (bundle.isRepositoryReference(attachment) || !attachment.hasHash()) {
					continue;
				}
				byte[] actual = sha1(binaries.get(attachment.getUrl()).getData());
				if (!sameDigest(attachment.getHash(), actual)) {
					throw invalid(RULE, XdsErrorCode.XDSNonIdenticalHash, document.getMasterIdentifier().getValue()
							+ ": attachment.hash is not the SHA-1 of the document");
				}
			}
		}
	}

	static boolean sameDigest(byte[] declared, byte[] actual) {
		if (Arrays.equals(declared, actual)) {
			return true;
		}
		String asText = new String(declared, StandardCharsets.US_ASCII).trim();
		return asText.equalsIgnoreCase(HexFormat.of().formatHex(actual));
	}

	private static byte[] sha1(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-1").digest(data);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("The JVM lacks SHA-1", e);
		}
	}
}
