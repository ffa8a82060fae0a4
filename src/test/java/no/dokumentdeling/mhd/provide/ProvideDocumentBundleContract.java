package no.dokumentdeling.mhd.provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.dokumentdeling.mhd.MhdProfiles;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.StoredDocuments;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DocumentReference.DocumentRelationshipType;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.ListResource.ListMode;
import org.hl7.fhir.r4.model.ListResource.ListStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ITI-65 Provide Document Bundle, as a Document Source sees it over HTTP. Every rule has a test that breaks it and
 * checks that the answer names the rule and its XDS code, and that nothing of the bundle was stored. Runs against
 * H2 and PostgreSQL through the subclasses.
 */
abstract class ProvideDocumentBundleContract {

	protected abstract TestServer server();

	// ---- accepted submissions ------------------------------------------------------------------------------

	@Test
	void validBundleInJsonIsStoredAndAnsweredWithTransactionResponse() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();

		Response response = post(bundle.json(), "application/fhir+json");

		response.then().statusCode(200).body("resourceType", equalTo("Bundle")).body("type", equalTo("transaction-response"));
		List<String> statuses = response.jsonPath().getList("entry.response.status");
		List<String> locations = response.jsonPath().getList("entry.response.location");
		assertThat(statuses).hasSize(bundle.bundle().getEntry().size()).allMatch(s -> s.startsWith("201"));
		assertThat(locations.get(0)).startsWith("List/");
		assertThat(locations.get(1)).startsWith("Binary/");
		assertThat(locations.get(2)).startsWith("DocumentReference/");
		assertThat(storedCount(bundle.masterIdentifier(0))).isEqualTo(1);
	}

	@Test
	void validBundleInXmlIsStored() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();

		post(bundle.xml(), "application/fhir+xml").then().statusCode(200);

		assertThat(storedCount(bundle.masterIdentifier(0))).isEqualTo(1);
	}

	@Test
	void bundleWithSeveralDocumentsIsStoredAtOnce() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withEpikrise()
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax: normale forhold.".getBytes());

		post(bundle.json(), "application/fhir+json").then().statusCode(200);

		assertThat(storedCount(bundle.masterIdentifier(0))).isEqualTo(1);
		assertThat(storedCount(bundle.masterIdentifier(1))).isEqualTo(1);
	}

	@Test
	void logicalPatientReferenceResolvesToOnePatientCreatedOnFirstUse() {
		String fnr = SyntheticFodselsnummer.next();
		post(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json(), "application/fhir+json").then().statusCode(200);
		post(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json(), "application/fhir+json").then().statusCode(200);

		JsonPath patients = server().asReader().get("/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr).jsonPath();
		assertThat(patients.getList("entry")).hasSize(1);
		String patientId = patients.getString("entry[0].resource.id");
		JsonPath documents = server().asReader().get("/DocumentReference?subject=Patient/" + patientId).jsonPath();
		assertThat(documents.getList("entry")).hasSize(2);
	}

	@Test
	void dNummerIsAcceptedAsLogicalPatientReference() {
		String dnr = SyntheticFodselsnummer.nextDNummer();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forSubject(new Reference().setIdentifier(
				new Identifier().setSystem(IdentifierSystems.D_NUMMER).setValue(dnr))).withEpikrise();

		post(bundle.json(), "application/fhir+json").then().statusCode(200);
	}

	@Test
	void existingPatientCanBeReferencedById() {
		String patientId = createPatient(SyntheticFodselsnummer.next());
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forSubject(new Reference("Patient/" + patientId)).withEpikrise();

		post(bundle.json(), "application/fhir+json").then().statusCode(200);

		assertThat(server().asReader().get("/DocumentReference?subject=Patient/" + patientId).jsonPath().getList("entry")).hasSize(1);
	}

	@Test
	void patientInTheBundleCanBeTheSubject() {
		String patientUrl = ProvideBundleBuilder.newUrl();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forSubject(new Reference(patientUrl)).withEpikrise();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(SyntheticFodselsnummer.next());
		patient.addName().setFamily("Brekke").addGiven("Solveig");
		bundle.bundle().addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");

		post(bundle.json(), "application/fhir+json").then().statusCode(200);

		assertThat(storedCount(bundle.masterIdentifier(0))).isEqualTo(1);
	}

	@Test
	void attachmentUrlIsRewrittenToTheStoredBinary() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		post(bundle.json(), "application/fhir+json").then().statusCode(200);

		String url = documentByMasterIdentifier(bundle.masterIdentifier(0)).getString("content[0].attachment.url");
		assertThat(url).matches(".*Binary/[A-Za-z0-9-]+$");
	}

	// ---- bundle shape --------------------------------------------------------------------------------------

	@Test
	void ruleProvideBundleProfile_missingProfileIsRejected() {
		assertRejected(b -> b.bundle().getMeta().getProfile().clear(), "provide-bundle-profile", "XDSRegistryMetadataError");
	}

	@Test
	void ruleProvideBundleProfile_batchIsRejected() {
		assertRejected(b -> b.bundle().setType(org.hl7.fhir.r4.model.Bundle.BundleType.BATCH),
				"provide-bundle-profile", "XDSRegistryMetadataError");
	}

	@Test
	void ruleBundleEntries_otherResourceTypesAreRejected() {
		assertRejected(b -> b.bundle().addEntry().setFullUrl(ProvideBundleBuilder.newUrl()).setResource(new Observation())
				.getRequest().setMethod(HTTPVerb.POST).setUrl("Observation"), "bundle-entries", "XDSRegistryMetadataError");
	}

	@Test
	void ruleBundleEntries_deleteIsRejected() {
		assertRejected(b -> b.bundle().addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("DocumentReference/1"),
				"bundle-entries", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_missingIsRejected() {
		assertRejected(b -> b.bundle().getEntry().remove(b.entryOf(b.submissionSet())), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_twoAreRejected() {
		assertRejected(b -> b.bundle().addEntry().setFullUrl(ProvideBundleBuilder.newUrl()).setResource(b.submissionSet().copy())
				.getRequest().setMethod(HTTPVerb.POST).setUrl("List"), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_statusMustBeCurrent() {
		assertRejected(b -> b.submissionSet().setStatus(ListStatus.RETIRED), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_modeMustBeWorking() {
		assertRejected(b -> b.submissionSet().setMode(ListMode.SNAPSHOT), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_dateIsRequired() {
		assertRejected(b -> b.submissionSet().setDate(null), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_sourceIdIsRequired() {
		assertRejected(b -> b.submissionSet().getExtension().clear(), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_mustListEveryDocumentReference() {
		assertRejected(b -> b.submissionSet().getEntry().clear(), "submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_codeMustBeSubmissionSetOrFolder() {
		assertRejected(b -> b.submissionSet().getCode().getCodingFirstRep().setCode("something-else"),
				"submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_twoSourceIdsAreRejected() {
		assertRejected(b -> b.submissionSet().addExtension(MhdProfiles.SOURCE_ID_EXTENSION,
				new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:2.16.578.1.12.4.1.2.101")),
				"submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSet_entryFlagIsRejected() {
		assertRejected(b -> b.submissionSet().getEntryFirstRep().getFlag().setText("ny"), "submission-set", "XDSRegistryMetadataError");
	}

	// ---- SubmissionSet uniqueId ----------------------------------------------------------------------------

	@Test
	void ruleSubmissionSetUniqueId_missingIsRejected() {
		assertRejected(b -> b.submissionSet().getIdentifier().removeIf(i -> i.getUse() == IdentifierUse.USUAL),
				"submission-set-unique-id", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSetUniqueId_withoutIdentifiersIsRejected() {
		assertRejected(b -> b.submissionSet().getIdentifier().clear(), "submission-set-unique-id", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSetUniqueId_mustBeAnOid() {
		assertRejected(b -> uniqueId(b).setValue("urn:uuid:" + java.util.UUID.randomUUID()),
				"submission-set-unique-id", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSetUniqueId_systemMustBeRfc3986() {
		assertRejected(b -> uniqueId(b).setSystem("urn:oid:2.16.578.1.12.4.1.2.100"), "submission-set-unique-id",
				"XDSRegistryMetadataError");
	}

	@Test
	void ruleSubmissionSetUniqueId_entryUuidMustBeAUuid() {
		assertRejected(b -> b.submissionSet().getIdentifier().stream().filter(i -> i.getUse() == IdentifierUse.OFFICIAL)
				.forEach(i -> i.setValue("urn:oid:1.2.3")), "submission-set-unique-id", "XDSRegistryMetadataError");
	}

	// ---- contained references ------------------------------------------------------------------------------

	@Test
	void ruleContainedReferences_sourcePatientInfoWithoutTheContainedPatientIsRejected() {
		assertRejected(b -> b.last().getContained().clear(), "contained-references", "XDSRegistryMetadataError");
	}

	@Test
	void ruleContainedReferences_authorNamingNoContainedResourceIsRejected() {
		assertRejected(b -> b.last().addAuthor(new Reference("#forfatter")), "contained-references", "XDSRegistryMetadataError");
	}

	@Test
	void ruleContainedReferences_submissionSetSourceNamingNoContainedResourceIsRejected() {
		assertRejected(b -> b.submissionSet().setSource(new Reference("#kilde")), "contained-references", "XDSRegistryMetadataError");
	}

	// ---- Comprehensive metadata ----------------------------------------------------------------------------

	static Stream<Arguments> comprehensiveDocumentReferenceElements() {
		return Stream.of(
				Arguments.of("content.format", (Consumer<DocumentReference>) d -> d.getContentFirstRep().setFormat(null)),
				Arguments.of("context.facilityType", (Consumer<DocumentReference>) d -> d.getContext().setFacilityType(null)),
				Arguments.of("context.practiceSetting", (Consumer<DocumentReference>) d -> d.getContext().setPracticeSetting(null)),
				Arguments.of("attachment.language", (Consumer<DocumentReference>) d -> d.getContentFirstRep().getAttachment().setLanguage(null)),
				Arguments.of("attachment.creation", (Consumer<DocumentReference>) d -> d.getContentFirstRep().getAttachment().setCreationElement(null)),
				Arguments.of("securityLabel", (Consumer<DocumentReference>) d -> d.getSecurityLabel().clear()),
				Arguments.of("context.sourcePatientInfo", (Consumer<DocumentReference>) d -> {
					d.getContext().setSourcePatientInfo(null);
					d.getContained().clear();
				}));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("comprehensiveDocumentReferenceElements")
	void ruleComprehensiveDocumentReference_elementIsRequired(String element, Consumer<DocumentReference> remove) {
		assertRejected(b -> remove.accept(b.last()), "comprehensive-document-reference", "XDSRegistryMetadataError");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("comprehensiveDocumentReferenceElements")
	void ruleComprehensiveDocumentReference_isRequiredUnderUnContainedToo(String element, Consumer<DocumentReference> remove) {
		assertRejected(b -> remove.accept(b.declaring(ProvideBundleBuilder.UNCONTAINED_PROFILE).last()),
				"comprehensive-document-reference", "XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveDocumentReference_minimalBundleMayLeaveThemOut() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise()
				.declaring(ProvideBundleBuilder.MINIMAL_PROFILE);
		comprehensiveDocumentReferenceElements().forEach(a -> ((Consumer<DocumentReference>) a.get()[1]).accept(bundle.last()));
		bundle.last().getContext().setPeriod(new org.hl7.fhir.r4.model.Period().setStart(new java.util.Date()));
		bundle.submissionSet().getExtension().removeIf(e -> e.getUrl().equals(MhdProfiles.DESIGNATION_TYPE_EXTENSION));

		post(bundle.json(), "application/fhir+json").then().statusCode(200);
	}

	@Test
	void ruleComprehensiveDocumentReference_aResourceDeclaringComprehensiveIsHeldToItInAMinimalBundle() {
		assertRejected(b -> {
			b.declaring(ProvideBundleBuilder.MINIMAL_PROFILE);
			b.last().getMeta().addProfile("https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.Comprehensive.DocumentReference");
			b.last().getContext().setFacilityType(null);
		}, "comprehensive-document-reference", "XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveSubmissionSet_designationTypeIsRequired() {
		assertRejected(b -> b.submissionSet().getExtension().removeIf(e -> e.getUrl().equals(MhdProfiles.DESIGNATION_TYPE_EXTENSION)),
				"comprehensive-submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveSubmissionSet_designationTypeMustBeCoded() {
		assertRejected(b -> b.submissionSet().getExtensionByUrl(MhdProfiles.DESIGNATION_TYPE_EXTENSION)
				.setValue(new CodeableConcept().setText("epikrise")), "comprehensive-submission-set", "XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveContained_authorMustBeContained() {
		assertRejected(b -> b.last().addAuthor(new Reference("Practitioner/123")), "comprehensive-contained", "XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveContained_sourcePatientInfoMustBeAContainedPatient() {
		assertRejected(b -> {
			b.last().getContained().clear();
			b.last().addContained(new Practitioner().setId(ProvideBundleBuilder.SOURCE_PATIENT));
		}, "comprehensive-contained", "XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveContained_submissionSetSourceMustBeContained() {
		assertRejected(b -> b.submissionSet().setSource(new Reference("Practitioner/123")), "comprehensive-contained",
				"XDSRegistryMetadataError");
	}

	@Test
	void ruleComprehensiveContained_unContainedBundleMayReferToStoredResources() {
		String fnr = SyntheticFodselsnummer.next();
		String patientId = createPatient(SyntheticFodselsnummer.next());
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise()
				.declaring(ProvideBundleBuilder.UNCONTAINED_PROFILE);
		bundle.last().addAuthor(new Reference("Patient/" + patientId));
		bundle.submissionSet().setSource(new Reference("Patient/" + patientId));

		post(bundle.json(), "application/fhir+json").then().statusCode(200);
	}

	// ---- FHIR R4 validation --------------------------------------------------------------------------------

	@Test
	void ruleFhirR4Validation_binaryWithoutContentTypeIsRejected() {
		// Binary.contentType is 1..1 in R4; no MHD rule looks at the Binary's own type
		assertRejected(b -> b.binary(0).setContentType(null), "fhir-r4-validation", "XDSRegistryMetadataError");
	}

	@Test
	void ruleFhirR4Validation_brokenInvariantIsRejected() {
		// per-1: a period's start is not after its end
		assertRejected(b -> b.last().getContext().setPeriod(new org.hl7.fhir.r4.model.Period()
				.setStartElement(new DateTimeType("2024-02-01")).setEndElement(new DateTimeType("2024-01-01"))),
				"fhir-r4-validation", "XDSRegistryMetadataError");
	}

	@Test
	void ruleFhirR4Validation_patientInTheBundleIsValidatedToo() {
		String patientUrl = ProvideBundleBuilder.newUrl();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forSubject(new Reference(patientUrl)).withEpikrise();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(SyntheticFodselsnummer.next());
		patient.addContact().setGender(Enumerations.AdministrativeGender.FEMALE); // pat-1: a contact needs a name, telecom, address or organization
		bundle.bundle().addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");

		assertRejected(bundle, "fhir-r4-validation", "XDSRegistryMetadataError");
	}

	@Test
	void ruleFhirR4Validation_documentBytesAreNotHandedToTheValidator() {
		byte[] document = new byte[1024 * 1024];
		new Random(65).nextBytes(document);
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withDocument("A00-1", "A03-2", "application/pdf", document);

		List<String> validated = textsValidated(() -> post(bundle.json(), "application/fhir+json").then().statusCode(200));

		String text = validated.stream().filter(t -> t.contains(bundle.masterIdentifier(0))).findFirst().orElseThrow();
		assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(document).substring(0, 1000));
		assertThat(text.length()).as("the validated bundle without its 1.4 million characters of base64").isLessThan(20_000);
	}

	@Test
	void ruleFhirR4Validation_unknownPropertyInTheSentJsonIsRejected() {
		// HAPI's parser drops what it does not know; the validator reads the text as it was sent
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		String json = bundle.json().replace("\"resourceType\":\"DocumentReference\",",
				"\"resourceType\":\"DocumentReference\",\"forfatterNotat\":\"x\",");
		assertThat(json).contains("forfatterNotat");

		assertRejected(json, bundle, "fhir-r4-validation", "XDSRegistryMetadataError");
	}

	@Test
	void ruleFhirR4Validation_binaryDataThatIsNotBase64IsRejected() {
		// HAPI's decoder leaves out the odd character, so the bytes, their size and hash are the document's
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		String data = bundle.binary(0).getDataElement().getValueAsString();
		String json = bundle.json().replace("\"" + data + "\"", "\"" + data + "A\"");
		assertThat(json).contains(data + "A");

		assertRejected(json, bundle, "fhir-r4-validation", "XDSRegistryMetadataError");
	}

	/** The texts the server's FHIR R4 validator is given while {@code requests} run, seen by a module beside ours. */
	private List<String> textsValidated(Runnable requests) {
		List<String> texts = new CopyOnWriteArrayList<>();
		IValidatorModule recorder = context -> texts.add(context.getResourceAsString());
		FhirValidator validator = server().bean(FhirR4Validation.class).validator();
		validator.registerValidatorModule(recorder);
		try {
			requests.run();
		} finally {
			validator.unregisterValidatorModule(recorder);
		}
		return texts;
	}

	// ---- the answer ----------------------------------------------------------------------------------------

	@Test
	void ruleProvideAnswer_hasNoLocationOfAnUnstoredResponseBundle() {
		Response response = post(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json(),
				"application/fhir+json");

		response.then().statusCode(200);
		assertThat(response.header("Location")).isNull();
		assertThat(response.header("Content-Location")).isNull();
	}

	private static Identifier uniqueId(ProvideBundleBuilder bundle) {
		return bundle.submissionSet().getIdentifier().stream().filter(i -> i.getUse() == IdentifierUse.USUAL).findFirst().orElseThrow();
	}

	// ---- DocumentReference ---------------------------------------------------------------------------------

	@Test
	void ruleDocumentReferenceElements_masterIdentifierIsRequired() {
		assertRejected(b -> b.document(0).setMasterIdentifier(null), "document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_statusMustBeCurrent() {
		assertRejected(b -> b.document(0).setStatus(DocumentReferenceStatus.SUPERSEDED),
				"document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_subjectIsRequired() {
		assertRejected(b -> b.document(0).setSubject(null), "document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_typeIsRequired() {
		assertRejected(b -> b.document(0).setType(null), "document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_categoryIsRequired() {
		assertRejected(b -> b.document(0).getCategory().clear(), "document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_contentTypeIsRequired() {
		assertRejected(b -> b.document(0).getContentFirstRep().getAttachment().setContentType(null),
				"document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_attachmentUrlIsRequired() {
		assertRejected(b -> b.document(0).getContentFirstRep().getAttachment().setUrl(null),
				"document-reference-elements", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentReferenceElements_inlineDataIsRejected() {
		assertRejected(b -> b.document(0).getContentFirstRep().getAttachment().setData("hei".getBytes()),
				"document-reference-elements", "XDSRegistryMetadataError");
	}

	// ---- attachment and bytes ------------------------------------------------------------------------------

	@Test
	void ruleAttachmentInBundle_urlMustNameABinaryOfTheBundle() {
		assertRejected(b -> b.document(0).getContentFirstRep().getAttachment().setUrl(ProvideBundleBuilder.newUrl()),
				"attachment-in-bundle", "XDSMissingDocument");
	}

	@Test
	void ruleAttachmentInBundle_binaryMustHaveData() {
		assertRejected(b -> b.binary(0).setData(null), "attachment-in-bundle", "XDSMissingDocument");
	}

	@Test
	void ruleAttachmentSize_mismatchIsRejected() {
		assertRejected(b -> b.document(0).getContentFirstRep().getAttachment().setSize(b.binary(0).getData().length + 1),
				"attachment-size", "XDSNonIdenticalSize");
	}

	@Test
	void ruleAttachmentHash_mismatchIsRejected() {
		assertRejected(b -> b.document(0).getContentFirstRep().getAttachment().setHash(ProvideBundleBuilder.sha1("other".getBytes())),
				"attachment-hash", "XDSNonIdenticalHash");
	}

	@Test
	void ruleAttachmentHash_hexEncodedHashIsAccepted() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		byte[] hex = java.util.HexFormat.of().formatHex(ProvideBundleBuilder.sha1(bundle.binary(0).getData())).getBytes();
		bundle.document(0).getContentFirstRep().getAttachment().setHash(hex);

		post(bundle.json(), "application/fhir+json").then().statusCode(200);
	}

	// ---- codes ---------------------------------------------------------------------------------------------

	@Test
	void ruleDocumentType9602_typeMustBelongUnderCategory() {
		assertRejected(b -> b.document(0).getType().getCodingFirstRep().setCode("E01-2"), "document-type-9602", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentType9602_unknownCategoryIsRejected() {
		assertRejected(b -> b.document(0).getCategoryFirstRep().getCodingFirstRep().setCode("Z00-1"),
				"document-type-9602", "XDSRegistryMetadataError");
	}

	@Test
	void ruleDocumentType9602_typeFromAnotherSystemIsRejected() {
		assertRejected(b -> b.document(0).getType().getCodingFirstRep().setSystem("http://loinc.org").setCode("18842-5"),
				"document-type-9602", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSecurityLabel_unknownCodeIsRejected() {
		assertRejected(b -> b.document(0).getSecurityLabelFirstRep().getCodingFirstRep().setCode("FOO"),
				"security-label", "XDSRegistryMetadataError");
	}

	@Test
	void ruleSecurityLabel_sperringAndConfidentialityAreAccepted() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		bundle.document(0).addSecurityLabel().addCoding().setSystem(ProvideBundleBuilder.VOLVEN_9603).setCode("NORS");
		bundle.document(0).addSecurityLabel().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/v3-Confidentiality").setCode("R");

		post(bundle.json(), "application/fhir+json").then().statusCode(200);
	}

	// ---- patient -------------------------------------------------------------------------------------------

	@Test
	void ruleSinglePatient_documentsForTwoPatientsAreRejected() {
		assertRejected(b -> b.document(0).getSubject().getIdentifier().setValue(SyntheticFodselsnummer.next()),
				"single-patient", "XDSPatientIdDoesNotMatch");
	}

	@Test
	void rulePatientReference_unknownPatientIdIsRejected() {
		assertRejected(b -> {
			b.document(0).setSubject(new Reference("Patient/does-not-exist"));
			b.submissionSet().setSubject(new Reference("Patient/does-not-exist"));
		}, "patient-reference", "XDSUnknownPatientId");
	}

	@Test
	void rulePatientReference_fodselsnummerWithWrongCheckDigitIsRejected() {
		String wrong = SyntheticFodselsnummer.withWrongCheckDigit(SyntheticFodselsnummer.next());
		assertRejected(ProvideBundleBuilder.forPatient(wrong).withEpikrise(), "patient-reference", "XDSUnknownPatientId");
	}

	@Test
	void rulePatientReference_identifierOfAnotherSystemIsRejected() {
		assertRejected(ProvideBundleBuilder.forSubject(new Reference().setIdentifier(
				new Identifier().setSystem("urn:oid:1.2.3").setValue("12345"))).withEpikrise(), "patient-reference", "XDSUnknownPatientId");
	}

	// ---- uniqueness ----------------------------------------------------------------------------------------

	@Test
	void ruleUniqueId_reusedMasterIdentifierIsRejected() {
		ProvideBundleBuilder first = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		post(first.json(), "application/fhir+json").then().statusCode(200);
		ProvideBundleBuilder second = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		second.document(0).getMasterIdentifier().setValue(first.masterIdentifier(0));

		Response response = post(second.json(), "application/fhir+json");

		assertRejection(response, 409, "unique-id", "XDSDuplicateUniqueIdInRegistry");
		assertThat(storedCount(first.masterIdentifier(0))).isEqualTo(1);
	}

	@Test
	void ruleUniqueId_sameMasterIdentifierTwiceInOneBundleIsRejected() {
		assertRejected(b -> {
			b.withEpikrise();
			b.document(1).getMasterIdentifier().setValue(b.masterIdentifier(0));
		}, "unique-id", "XDSDuplicateUniqueIdInRegistry");
	}

	@Test
	void ruleUniqueId_concurrentSubmissionsOfOneDocumentIdStoreItOnce() throws Exception {
		String uniqueId = ProvideBundleBuilder.newUniqueId();
		List<String> bodies = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
			bundle.document(0).getMasterIdentifier().setValue(uniqueId);
			bodies.add(bundle.json());
		}

		List<Response> responses = concurrently(bodies);

		assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(1);
		assertThat(responses).filteredOn(r -> r.statusCode() != 200).allSatisfy(r -> assertRejection(r, 409, "unique-id", "XDSDuplicateUniqueIdInRegistry"));
		assertThat(storedCount(uniqueId)).isEqualTo(1);
	}

	@Test
	void concurrentFirstSubmissionsForOnePatientRegisterThePatientOnce() throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		List<String> bodies = new java.util.ArrayList<>();
		for (int i = 0; i < 4; i++) {
			bodies.add(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json());
		}

		List<Response> responses = concurrently(bodies);

		assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.asString()).isEqualTo(200));
		assertThat(server().asReader().get("/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr)
				.jsonPath().getList("entry")).hasSize(1);
	}

	private List<Response> concurrently(List<String> bodies) throws Exception {
		var pool = java.util.concurrent.Executors.newFixedThreadPool(bodies.size());
		try {
			var start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<Response>> futures = new java.util.ArrayList<>();
			for (String body : bodies) {
				futures.add(pool.submit(() -> {
					start.await();
					return post(body, "application/fhir+json");
				}));
			}
			start.countDown();
			List<Response> responses = new java.util.ArrayList<>();
			for (var future : futures) {
				responses.add(future.get());
			}
			return responses;
		} finally {
			pool.shutdown();
		}
	}

	// ---- replacement ---------------------------------------------------------------------------------------

	@Test
	void replacementSupersedesTheOldDocument() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");

		ProvideBundleBuilder replacement = ProvideBundleBuilder.forPatient(fnr).withEpikrise().replacing(oldId);
		Response response = post(replacement.json(), "application/fhir+json");

		response.then().statusCode(200);
		assertThat(response.jsonPath().getList("entry")).hasSize(replacement.bundle().getEntry().size());
		assertThat(documentByMasterIdentifier(original.masterIdentifier(0)).getString("status")).isEqualTo("superseded");
		JsonPath newDocument = documentByMasterIdentifier(replacement.masterIdentifier(0));
		assertThat(newDocument.getString("status")).isEqualTo("current");
		assertThat(newDocument.getString("relatesTo[0].code")).isEqualTo("replaces");
		assertThat(newDocument.getString("relatesTo[0].target.reference")).isEqualTo("DocumentReference/" + oldId);
	}

	@Test
	void replacementWithoutPatchEntryStillSupersedesTheOldDocument() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");
		ProvideBundleBuilder replacement = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		replacement.last().addRelatesTo().setCode(DocumentRelationshipType.REPLACES)
				.setTarget(new Reference().setIdentifier(original.document(0).getMasterIdentifier()));

		Response response = post(replacement.json(), "application/fhir+json");

		response.then().statusCode(200);
		assertThat(response.jsonPath().getList("entry")).hasSize(replacement.bundle().getEntry().size());
		assertThat(documentByMasterIdentifier(original.masterIdentifier(0)).getString("status")).isEqualTo("superseded");
	}

	@Test
	void ruleReplacement_secondReplaceOfTheSameDocumentIsRejected() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");
		post(ProvideBundleBuilder.forPatient(fnr).withEpikrise().replacing(oldId).json(), "application/fhir+json").then().statusCode(200);

		ProvideBundleBuilder again = ProvideBundleBuilder.forPatient(fnr).withEpikrise().replacing(oldId);
		assertRejection(post(again.json(), "application/fhir+json"), 409, "replacement", "XDSRegistryMetadataError");
		assertThat(storedCount(again.masterIdentifier(0))).isZero();
	}

	@Test
	void ruleReplacement_unknownTargetIsRejected() {
		assertRejected(b -> b.replacing("404404404"), "replacement", "UnresolvedReferenceException");
	}

	@Test
	void ruleReplacement_targetOfAnotherPatientIsRejected() {
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");

		assertRejected(b -> b.replacing(oldId), "replacement", "XDSPatientIdDoesNotMatch");
		assertThat(documentByMasterIdentifier(original.masterIdentifier(0)).getString("status")).isEqualTo("current");
	}

	@Test
	void ruleReplacement_patchMayOnlySupersede() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");
		ProvideBundleBuilder replacement = ProvideBundleBuilder.forPatient(fnr).withEpikrise().replacing(oldId);
		var patch = (org.hl7.fhir.r4.model.Parameters) replacement.bundle().getEntry().get(replacement.bundle().getEntry().size() - 1).getResource();
		patch.getParameterFirstRep().getPart().get(1).setValue(new org.hl7.fhir.r4.model.StringType("DocumentReference.subject"));

		assertRejection(post(replacement.json(), "application/fhir+json"), 422, "replacement", "XDSRegistryMetadataError");
		assertThat(documentByMasterIdentifier(original.masterIdentifier(0)).getString("status")).isEqualTo("current");
	}

	@Test
	void ruleReplacement_patchOfADocumentNotReplacedIsRejected() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");
		ProvideBundleBuilder sneaky = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		sneaky.bundle().addEntry().setFullUrl(ProvideBundleBuilder.newUrl()).setResource(ProvideBundleBuilder.supersedePatch())
				.getRequest().setMethod(HTTPVerb.PATCH).setUrl("DocumentReference/" + oldId);

		assertRejection(post(sneaky.json(), "application/fhir+json"), 422, "replacement", "XDSRegistryMetadataError");
		assertThat(documentByMasterIdentifier(original.masterIdentifier(0)).getString("status")).isEqualTo("current");
	}

	@Test
	void transformsAndAppendsAreStored() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder original = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		post(original.json(), "application/fhir+json").then().statusCode(200);
		String oldId = documentByMasterIdentifier(original.masterIdentifier(0)).getString("id");
		ProvideBundleBuilder related = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		related.document(0).addRelatesTo().setCode(DocumentRelationshipType.TRANSFORMS).setTarget(new Reference("DocumentReference/" + oldId));
		related.document(1).addRelatesTo().setCode(DocumentRelationshipType.APPENDS).setTarget(new Reference("DocumentReference/" + oldId));

		post(related.json(), "application/fhir+json").then().statusCode(200);

		assertThat(documentByMasterIdentifier(related.masterIdentifier(0)).getString("relatesTo[0].code")).isEqualTo("transforms");
		assertThat(documentByMasterIdentifier(related.masterIdentifier(1)).getString("relatesTo[0].code")).isEqualTo("appends");
		assertThat(documentByMasterIdentifier(original.masterIdentifier(0)).getString("status")).isEqualTo("current");
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	protected Response post(String body, String contentType) {
		return server().asSource().contentType(contentType).body(body).post();
	}

	private void assertRejected(Consumer<ProvideBundleBuilder> breakIt, String rule, String xdsCode) {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		breakIt.accept(bundle);
		assertRejected(bundle, rule, xdsCode);
	}

	private void assertRejected(ProvideBundleBuilder bundle, String rule, String xdsCode) {
		assertRejected(bundle.json(), bundle, rule, xdsCode);
	}

	/** As sent in {@code json}, {@code bundle}'s text or one changed where the parsed bundle cannot show it. */
	private void assertRejected(String json, ProvideBundleBuilder bundle, String rule, String xdsCode) {
		Response response = post(json, "application/fhir+json");
		assertThat(response.statusCode()).as(response.asString()).isBetween(400, 499);
		assertRejection(response, response.statusCode(), rule, xdsCode);
		for (var document : bundle.bundle().getEntry()) {
			if (document.getResource() instanceof org.hl7.fhir.r4.model.DocumentReference d && d.hasMasterIdentifier()) {
				assertThat(storedCount(d.getMasterIdentifier().getValue())).as("nothing of a rejected bundle is stored").isZero();
			}
		}
	}

	private static void assertRejection(Response response, int status, String rule, String xdsCode) {
		response.then().statusCode(status)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].severity", equalTo("error"))
				.body("issue[0].details.coding.code", hasItem(rule))
				.body("issue[0].details.coding.code", hasItem(xdsCode));
	}

	protected int storedCount(String masterIdentifier) {
		return StoredDocuments.idsByIdentifier(server(), masterIdentifier).size();
	}

	protected JsonPath documentByMasterIdentifier(String masterIdentifier) {
		List<String> ids = StoredDocuments.idsByIdentifier(server(), masterIdentifier);
		assertThat(ids).hasSize(1);
		return server().asReader().get("/DocumentReference/" + ids.get(0)).then().statusCode(200).extract().jsonPath();
	}

	protected String createPatient(String fnr) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(fnr);
		return server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(patient))
				.post("/Patient").then().statusCode(201).extract().jsonPath().getString("id");
	}

}
