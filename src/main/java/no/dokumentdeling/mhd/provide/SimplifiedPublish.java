package no.dokumentdeling.mhd.provide;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import java.math.BigInteger;
import java.util.Date;
import java.util.UUID;
import no.dokumentdeling.mhd.MhdProfiles;
import no.dokumentdeling.security.Caller;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.ListResource.ListMode;
import org.hl7.fhir.r4.model.ListResource.ListStatus;
import org.springframework.stereotype.Component;

/**
 * ITI-105 Simplified Publish: one DocumentReference with the document inline in {@code content.attachment.data}. It
 * is turned into the ITI-65 Provide Document Bundle it stands for, which then meets every ITI-65 rule with the same
 * XDS codes and is stored the same way ({@link ProvideDocumentBundleProvider#provide}):
 * <ul>
 *   <li>each inline document becomes a Binary of the bundle and {@code attachment.url} points at it (size and hash,
 *       when given, are checked against those bytes as in ITI-65);
 *   <li>a SubmissionSet (IHE MHD 2:3.105.4.1.3: the Recipient makes it from the DocumentReference and the context):
 *       the same subject, today's date, a new uniqueId ({@code urn:oid:2.25.<uuid>}) and entryUUID, the source's
 *       legal entity as sourceId ({@code urn:oid:2.16.578.1.12.4.1.2.<orgnr>}, as this project's sources name
 *       themselves in ITI-65), the document's type as designationType;
 *   <li>the bundle declares the Minimal option; a DocumentReference that declares a Comprehensive profile is held to
 *       that option, as in ITI-65.
 * </ul>
 */
@Component
public class SimplifiedPublish {

	public static final String RULE = "simplified-publish";
	public static final String PROFILE = "https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.SimplifiedPublish.DocumentReference";

	static final String SOURCE_OID_ARC = "urn:oid:2.16.578.1.12.4.1.2.";
	static final String URI_SYSTEM = "urn:ietf:rfc:3986";

	/** The ITI-65 bundle for this ITI-105 request; {@link #DOCUMENT_ENTRY} is the DocumentReference's entry. */
	public Bundle provideBundle(DocumentReference submitted, Caller caller) {
		if (submitted.getContent().stream().noneMatch(c -> c.getAttachment().hasData())) {
			throw invalid(RULE, XdsErrorCode.XDSMissingDocument, "ITI-105 Simplified Publish carries the document in "
					+ "content.attachment.data; a document whose bytes are elsewhere is published with ITI-65 (POST [base])");
		}
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.getMeta().addProfile(MhdProfiles.MINIMAL_PROVIDE_BUNDLE);
		DocumentReference document = submitted.copy();
		document.setIdElement(null);
		document.getMeta().getProfile().removeIf(p -> PROFILE.equals(p.getValueAsString()));
		String documentUrl = newUrl();
		bundle.addEntry().setFullUrl(documentUrl).setResource(document).getRequest().setMethod(HTTPVerb.POST).setUrl("DocumentReference");
		for (var content : document.getContent()) {
			Attachment attachment = content.getAttachment();
			if (!attachment.hasData()) {
				continue;
			}
			String binaryUrl = newUrl();
			Binary binary = new Binary().setContentType(attachment.getContentType()).setData(attachment.getData());
			bundle.addEntry().setFullUrl(binaryUrl).setResource(binary).getRequest().setMethod(HTTPVerb.POST).setUrl("Binary");
			attachment.setDataElement(null);
			attachment.setUrl(binaryUrl);
		}
		ListResource submissionSet = submissionSet(document, documentUrl, caller);
		bundle.addEntry().setFullUrl(newUrl()).setResource(submissionSet).getRequest().setMethod(HTTPVerb.POST).setUrl("List");
		return bundle;
	}

	/** Index of the DocumentReference's entry in {@link #provideBundle}, and so in its transaction-response. */
	public static final int DOCUMENT_ENTRY = 0;

	private static ListResource submissionSet(DocumentReference document, String documentUrl, Caller caller) {
		ListResource list = new ListResource();
		list.setStatus(ListStatus.CURRENT).setMode(ListMode.WORKING).setDate(new Date());
		list.getCode().addCoding().setSystem(MhdProfiles.LIST_TYPES).setCode(MhdProfiles.SUBMISSION_SET);
		list.setSubject(document.getSubject().copy());
		list.addIdentifier().setUse(IdentifierUse.USUAL).setSystem(URI_SYSTEM).setValue(uuidOid());
		list.addIdentifier().setUse(IdentifierUse.OFFICIAL).setSystem(URI_SYSTEM).setValue("urn:uuid:" + UUID.randomUUID());
		String orgnr = caller.legalEntity();
		String sourceId = orgnr != null && orgnr.matches("[1-9][0-9]{8}") ? SOURCE_OID_ARC + orgnr : uuidOid();
		list.addExtension(MhdProfiles.SOURCE_ID_EXTENSION, new Identifier().setSystem(URI_SYSTEM).setValue(sourceId));
		if (document.getType().hasCoding()) {
			list.addExtension(MhdProfiles.DESIGNATION_TYPE_EXTENSION, new CodeableConcept(document.getType().getCodingFirstRep().copy()));
		}
		list.addEntry().getItem().setReference(documentUrl);
		return list;
	}

	/** An OID made from a random UUID (ITU-T X.667, arc 2.25). */
	private static String uuidOid() {
		UUID uuid = UUID.randomUUID();
		BigInteger value = new BigInteger(1, java.nio.ByteBuffer.allocate(16)
				.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
		return "urn:oid:2.25." + value;
	}

	private static String newUrl() {
		return "urn:uuid:" + UUID.randomUUID();
	}
}
