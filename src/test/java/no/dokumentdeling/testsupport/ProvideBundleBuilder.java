package no.dokumentdeling.testsupport;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentRelationshipType;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.ListResource.ListMode;
import org.hl7.fhir.r4.model.ListResource.ListStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds valid ITI-65 Provide Document Bundles (MHD Comprehensive, Norwegian codes) with fresh unique ids, as a
 * hospital's journal system would send them: every element the Comprehensive option asks for, the source patient
 * contained in each DocumentReference. Tests break one element to exercise one rule.
 */
public final class ProvideBundleBuilder {

	public static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String SD = "https://profiles.ihe.net/ITI/MHD/StructureDefinition/";
	public static final String PROFILE = SD + "IHE.MHD.Comprehensive.ProvideBundle";
	public static final String UNCONTAINED_PROFILE = SD + "IHE.MHD.UnContained.Comprehensive.ProvideBundle";
	public static final String MINIMAL_PROFILE = SD + "IHE.MHD.Minimal.ProvideBundle";
	public static final String FORMAT_CODES = "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode";
	/** Helsedirektoratet's code systems for healthcare facility type and practice setting (Volven 8655 / 8451). */
	public static final String FACILITY_TYPES = "urn:oid:2.16.578.1.12.4.1.1.8655";
	public static final String PRACTICE_SETTINGS = "urn:oid:2.16.578.1.12.4.1.1.8451";
	public static final String SOURCE_PATIENT = "sourcePatient";
	public static final String VOLVEN_9602 = "urn:oid:2.16.578.1.12.4.1.1.9602";
	public static final String VOLVEN_9603 = "urn:oid:2.16.578.1.12.4.1.1.9603";

	private final Bundle bundle = new Bundle();
	private final ListResource submissionSet = new ListResource();
	private final List<DocumentReference> documents = new ArrayList<>();
	private final List<Binary> binaries = new ArrayList<>();
	private final Reference subject;
	/** The MHD option in the resources' profile names: {@code Comprehensive}, {@code UnContained.Comprehensive}, or null. */
	private String resourceOption = "Comprehensive";

	private ProvideBundleBuilder(Reference subject) {
		this.subject = subject;
		bundle.setType(Bundle.BundleType.TRANSACTION);
		bundle.getMeta().addProfile(PROFILE);
		declareProfile(submissionSet, "SubmissionSet");
		submissionSet.addExtension(SD + "ihe-sourceId",
				new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:2.16.578.1.12.4.1.2.100"));
		CodeableConcept designation = new CodeableConcept();
		designation.addCoding().setSystem("http://snomed.info/sct").setCode("371531000").setDisplay("Report of clinical encounter");
		submissionSet.addExtension(SD + "ihe-designationType", designation);
		submissionSet.addIdentifier().setUse(IdentifierUse.OFFICIAL).setSystem("urn:ietf:rfc:3986")
				.setValue("urn:uuid:" + UUID.randomUUID());
		submissionSet.addIdentifier().setUse(IdentifierUse.USUAL).setSystem("urn:ietf:rfc:3986").setValue(newSubmissionSetUniqueId());
		submissionSet.setStatus(ListStatus.CURRENT).setMode(ListMode.WORKING).setDate(new Date());
		submissionSet.getCode().addCoding()
				.setSystem("https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes").setCode("submissionset");
		submissionSet.setSubject(subject.copy());
		bundle.addEntry().setFullUrl(newUrl()).setResource(submissionSet)
				.getRequest().setMethod(HTTPVerb.POST).setUrl("List");
	}

	/** A bundle for the patient with this fødselsnummer, referenced logically by identifier. */
	public static ProvideBundleBuilder forPatient(String fodselsnummer) {
		return forSubject(new Reference().setIdentifier(
				new Identifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(fodselsnummer)));
	}

	public static ProvideBundleBuilder forSubject(Reference subject) {
		return new ProvideBundleBuilder(subject);
	}

	/** Adds an epikrise (A00-1 / A03-2) as a small PDF. */
	public ProvideBundleBuilder withEpikrise() {
		return withDocument("A00-1", "A03-2", "application/pdf", pdf("Epikrise"));
	}

	public ProvideBundleBuilder withDocument(String category, String type, String contentType, byte[] bytes) {
		String binaryUrl = newUrl();
		Binary binary = new Binary().setContentType(contentType).setData(bytes);
		bundle.addEntry().setFullUrl(binaryUrl).setResource(binary).getRequest().setMethod(HTTPVerb.POST).setUrl("Binary");

		DocumentReference document = new DocumentReference();
		declareProfile(document, "DocumentReference");
		document.setMasterIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(newUniqueId()));
		document.setStatus(DocumentReferenceStatus.CURRENT);
		document.getType().addCoding().setSystem(VOLVEN_9602).setCode(type);
		document.addCategory().addCoding().setSystem(VOLVEN_9602).setCode(category);
		document.setSubject(subject.copy());
		document.setDate(new Date());
		document.addSecurityLabel().addCoding().setSystem(VOLVEN_9603).setCode("N");
		var attachment = document.addContent().getAttachment();
		attachment.setContentType(contentType).setUrl(binaryUrl).setSize(bytes.length).setHash(sha1(bytes))
				.setTitle(type).setCreation(new Date()).setLanguage("nb");
		document.getContentFirstRep().getFormat().setSystem(FORMAT_CODES).setCode("urn:ihe:iti:xds:2017:mimeTypeSufficient");
		document.getContext().getFacilityType().addCoding().setSystem(FACILITY_TYPES).setCode("1").setDisplay("Sykehus");
		document.getContext().getPracticeSetting().addCoding().setSystem(PRACTICE_SETTINGS).setCode("1").setDisplay("Indremedisin");
		Patient sourcePatient = new Patient();
		sourcePatient.setId(SOURCE_PATIENT);
		if (subject.hasIdentifier()) {
			sourcePatient.addIdentifier(subject.getIdentifier().copy());
		}
		document.addContained(sourcePatient);
		document.getContext().setSourcePatientInfo(new Reference("#" + SOURCE_PATIENT));
		String documentUrl = newUrl();
		bundle.addEntry().setFullUrl(documentUrl).setResource(document)
				.getRequest().setMethod(HTTPVerb.POST).setUrl("DocumentReference");
		submissionSet.addEntry().getItem().setReference(documentUrl);
		documents.add(document);
		binaries.add(binary);
		return this;
	}

	/**
	 * Adds a document published by reference: its bytes stay at {@code url} (a repository's ITI-68 URL), and the
	 * bundle carries only the DocumentReference with their size and SHA-1.
	 */
	public ProvideBundleBuilder withReference(String category, String type, String contentType, String url, long size,
			byte[] sha1) {
		withDocument(category, type, contentType, new byte[0]);
		Binary binary = binaries.remove(binaries.size() - 1);
		bundle.getEntry().removeIf(e -> e.getResource() == binary);
		last().getContentFirstRep().getAttachment().setUrl(url).setSize(Math.toIntExact(size)).setHash(sha1);
		return this;
	}

	public ProvideBundleBuilder withReference(String category, String type, String contentType, String url, byte[] bytes) {
		return withReference(category, type, contentType, url, bytes.length, sha1(bytes));
	}

	/**
	 * Sets when the last added document was written ({@code content.attachment.creation}, XDS creationTime), which
	 * is what its age counts from; {@code null} leaves it out, so that its age counts from {@code date}. Only the
	 * Minimal option allows that, so the bundle then declares it.
	 */
	public ProvideBundleBuilder created(Date creation) {
		last().getContent().forEach(content -> content.getAttachment().setCreation(creation));
		if (creation == null) {
			declaring(MINIMAL_PROFILE);
		}
		return this;
	}

	/**
	 * Declares another MHD ProvideBundle profile ({@link #MINIMAL_PROFILE}, {@link #UNCONTAINED_PROFILE}) in
	 * {@code Bundle.meta.profile}, and the matching profiles on the SubmissionSet and the DocumentReferences (none for
	 * Minimal), also on those added later.
	 */
	public ProvideBundleBuilder declaring(String profile) {
		bundle.getMeta().getProfile().clear();
		bundle.getMeta().addProfile(profile);
		resourceOption = profile.equals(MINIMAL_PROFILE) ? null
				: profile.substring(SD.length() + "IHE.MHD.".length(), profile.length() - ".ProvideBundle".length());
		declareProfile(submissionSet, "SubmissionSet");
		documents.forEach(d -> declareProfile(d, "DocumentReference"));
		return this;
	}

	private void declareProfile(org.hl7.fhir.r4.model.Resource resource, String kind) {
		resource.getMeta().getProfile().clear();
		if (resourceOption != null) {
			resource.getMeta().addProfile(SD + "IHE.MHD." + resourceOption + "." + kind);
		}
	}

	/** Sets {@code DocumentReference.date} of the last added document. */
	public ProvideBundleBuilder dated(Date date) {
		last().setDate(date);
		return this;
	}

	/** Makes the last added document a replacement of {@code documentReferenceId}, with the PATCH entry MHD asks for. */
	public ProvideBundleBuilder replacing(String documentReferenceId) {
		last().addRelatesTo().setCode(DocumentRelationshipType.REPLACES)
				.setTarget(new Reference("DocumentReference/" + documentReferenceId));
		bundle.addEntry().setFullUrl(newUrl()).setResource(supersedePatch())
				.getRequest().setMethod(HTTPVerb.PATCH).setUrl("DocumentReference/" + documentReferenceId);
		return this;
	}

	public static Parameters supersedePatch() {
		Parameters patch = new Parameters();
		var operation = patch.addParameter().setName("operation");
		operation.addPart().setName("type").setValue(new CodeType("replace"));
		operation.addPart().setName("path").setValue(new StringType("DocumentReference.status"));
		operation.addPart().setName("value").setValue(new CodeType("superseded"));
		return patch;
	}

	public Bundle bundle() {
		return bundle;
	}

	public ListResource submissionSet() {
		return submissionSet;
	}

	public DocumentReference document(int index) {
		return documents.get(index);
	}

	public DocumentReference last() {
		return documents.get(documents.size() - 1);
	}

	public Binary binary(int index) {
		return binaries.get(index);
	}

	public String masterIdentifier(int index) {
		return documents.get(index).getMasterIdentifier().getValue();
	}

	public BundleEntryComponent entryOf(org.hl7.fhir.r4.model.Resource resource) {
		return bundle.getEntry().stream().filter(e -> e.getResource() == resource).findFirst().orElseThrow();
	}

	public String json() {
		return FHIR.newJsonParser().encodeResourceToString(bundle);
	}

	public String xml() {
		return FHIR.newXmlParser().encodeResourceToString(bundle);
	}

	public static String newUrl() {
		return "urn:uuid:" + UUID.randomUUID();
	}

	/** A SubmissionSet uniqueId (an OID, as MHD asks), unique per call. */
	public static String newSubmissionSetUniqueId() {
		UUID uuid = UUID.randomUUID();
		return "urn:oid:2.16.578.1.12.4.1.7.993467049.2." + Long.toUnsignedString(uuid.getMostSignificantBits()) + "."
				+ Long.toUnsignedString(uuid.getLeastSignificantBits());
	}

	/** A document unique id in the OID form Norwegian hospitals use, unique per call. */
	public static String newUniqueId() {
		UUID uuid = UUID.randomUUID();
		return "urn:oid:2.16.578.1.12.4.1.7.993467049." + Long.toUnsignedString(uuid.getMostSignificantBits()) + "."
				+ Long.toUnsignedString(uuid.getLeastSignificantBits());
	}

	/** A minimal valid one-page PDF carrying {@code text}. */
	public static byte[] pdf(String text) {
		String content = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
		String[] objects = {
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
			"<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
			"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
		};
		StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
		List<Integer> offsets = new ArrayList<>();
		for (int i = 0; i < objects.length; i++) {
			offsets.add(pdf.length());
			pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
		}
		int xref = pdf.length();
		pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
		offsets.forEach(o -> pdf.append(String.format("%010d 00000 n \n", o)));
		pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
				.append(xref).append("\n%%EOF\n");
		return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	public static byte[] sha1(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-1").digest(bytes);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
