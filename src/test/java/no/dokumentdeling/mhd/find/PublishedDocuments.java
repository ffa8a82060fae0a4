package no.dokumentdeling.mhd.find;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/**
 * One patient's documents, published once per test class through ITI-65, each with values that no other document
 * of the patient shares, so every search parameter has documents it must find and documents it must leave out.
 *
 * <ul>
 *   <li>{@code old}: epikrise (PDF) of 2023-06-01, later replaced by {@code xml}, so superseded; SubmissionSet
 *       {@code ss1} with a referenced source (the {@code other} patient, family "Pasientsen").
 *   <li>{@code pdf}: epikrise (PDF) of 2024-01-10 with a contained author Kari Nordmann, event, facility, format,
 *       period, setting and a second identifier.
 *   <li>{@code text}: radiology report (text/plain) of 2024-03-01, authored by a referenced Patient (Per
 *       Pasientsen), related to {@code pdf} and to the referral {@link #REFERRAL}.
 *   <li>{@code xml}: poliklinisk epikrise (application/xml) of 2024-05-01 replacing {@code old}; it, {@code pdf} and
 *       {@code text} are in SubmissionSet {@code ss2} with a contained source Lise Kilde, a designationType and
 *       its own sourceId.
 * </ul>
 */
final class PublishedDocuments {

	static final String EVENT = "urn:oid:2.16.578.1.12.4.1.1.7240|ev-1";
	static final String FACILITY = "urn:oid:2.16.578.1.12.4.1.1.8655|fac-1";
	static final String FORMAT = "urn:oid:1.3.6.1.4.1.19376.1.2.3|urn:ihe:iti:xds:2017:mimeTypeSufficient";
	static final String SETTING = "urn:oid:2.16.578.1.12.4.1.1.8451|set-1";
	static final String REFERRAL = "urn:oid:2.16.578.1.12.4.1.2.100.1|henvisning-1";
	static final String DESIGNATION = "http://snomed.info/sct|734163000";
	static final String SOURCE_ID_2 = "urn:oid:2.16.578.1.12.4.1.2.777";
	static final byte[] PDF = ProvideBundleBuilder.pdf("Epikrise for søk");
	static final byte[] TEXT = "Røntgen thorax: normale forhold.\nIngen fortetninger.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
	static final byte[] XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><epikrise><tekst>Poliklinisk kontroll, æøå</tekst></epikrise>"
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);

	final String fnr = SyntheticFodselsnummer.next();
	final String otherPatientId;
	final String otherFnr = SyntheticFodselsnummer.next();
	final String publishedBefore;
	final Map<String, String> ids = new HashMap<>();
	final Map<String, String> identifiers = new HashMap<>();
	final Map<String, String> binaries = new HashMap<>();

	PublishedDocuments(TestServer server) {
		publishedBefore = new InstantType(new java.util.Date(System.currentTimeMillis() - 60_000),
				ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone("UTC")).getValueAsString();
		otherPatientId = createPatient(server, otherFnr, "Per", "Pasientsen");

		// UnContained: the SubmissionSet's source (and later an author) is a stored Patient, not a contained one.
		ProvideBundleBuilder first = ProvideBundleBuilder.forPatient(fnr).withEpikrise()
				.declaring(ProvideBundleBuilder.UNCONTAINED_PROFILE);
		first.last().setDate(date("2023-06-01T10:00:00+02:00"));
		first.submissionSet().setDate(date("2023-06-01T10:00:00+02:00"));
		first.submissionSet().setSource(new Reference("Patient/" + otherPatientId));
		publish(server, first, List.of("ss1", "old-binary", "old"));
		ids.put("patient", patientFromDocument(server, ids.get("old")));

		ProvideBundleBuilder second = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("A00-1", "A03-2", "application/pdf", PDF)
				.withDocument("E00-1", "E01-2", "text/plain", TEXT)
				.withDocument("A00-1", "A13-2", "application/xml", XML)
				.replacing(ids.get("old"))
				.declaring(ProvideBundleBuilder.UNCONTAINED_PROFILE);
		DocumentReference pdf = second.document(0);
		pdf.setDate(date("2024-01-10T10:00:00+01:00"));
		pdf.getContentFirstRep().getAttachment().setCreationElement(new DateTimeType("2024-01-09T08:00:00+01:00"));
		Practitioner kari = new Practitioner();
		kari.setId("author1");
		kari.addName().setFamily("Nordmann").addGiven("Kari");
		pdf.addContained(kari);
		pdf.addAuthor(new Reference("#author1"));
		pdf.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + java.util.UUID.randomUUID()));
		pdf.getContext().addEvent(concept(EVENT));
		pdf.getContext().setFacilityType(concept(FACILITY));
		pdf.getContext().setPracticeSetting(concept(SETTING));
		pdf.getContext().setPeriod(new Period().setStartElement(new DateTimeType("2024-01-01T08:00:00+01:00"))
				.setEndElement(new DateTimeType("2024-01-05T12:00:00+01:00")));
		var format = FORMAT.split("\\|");
		pdf.getContentFirstRep().getFormat().setSystem(format[0]).setCode(format[1]);

		DocumentReference text = second.document(1);
		text.setDate(date("2024-03-01T10:00:00+01:00"));
		text.getContentFirstRep().getAttachment().setCreationElement(new DateTimeType("2024-02-28T08:00:00+01:00"));
		text.addAuthor(new Reference("Patient/" + otherPatientId));
		String pdfUrl = second.entryOf(pdf).getFullUrl();
		text.getContext().addRelated(new Reference(pdfUrl));
		text.getContext().addRelated(new Reference().setIdentifier(identifier(REFERRAL)));

		DocumentReference xml = second.document(2);
		xml.setDate(date("2024-05-01T10:00:00+02:00"));
		xml.getContentFirstRep().getAttachment().setCreationElement(new DateTimeType("2024-04-30T08:00:00+02:00"));
		xml.getRelatesToFirstRep().getTarget().setIdentifier(first.last().getMasterIdentifier().copy());

		ListResource ss2 = second.submissionSet();
		ss2.setDate(date("2024-05-02T10:00:00+02:00"));
		Practitioner lise = new Practitioner();
		lise.setId("source1");
		lise.addName().setFamily("Kilde").addGiven("Lise");
		ss2.addContained(lise);
		ss2.setSource(new Reference("#source1"));
		ss2.getExtensionByUrl("https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-designationType").setValue(concept(DESIGNATION));
		((Identifier) ss2.getExtensionByUrl("https://profiles.ihe.net/ITI/MHD/StructureDefinition/ihe-sourceId").getValue())
				.setValue(SOURCE_ID_2);
		publish(server, second, List.of("ss2", "pdf-binary", "pdf", "text-binary", "text", "xml-binary", "xml"));
		identifiers.put("ss1", first.submissionSet().getIdentifierFirstRep().getValue());
		identifiers.put("ss2", ss2.getIdentifierFirstRep().getValue());
		identifiers.put("pdf", pdf.getIdentifierFirstRep().getValue());
		identifiers.put("text", text.getMasterIdentifier().getValue());
		identifiers.put("old", first.last().getMasterIdentifier().getValue());
	}

	/** The id of a named fixture ({@code pdf}, {@code ss1}, {@code patient}...). */
	String id(String name) {
		return java.util.Objects.requireNonNull(ids.get(name), name);
	}

	private void publish(TestServer server, ProvideBundleBuilder bundle, List<String> names) {
		Response response = server.asSource().contentType("application/fhir+json").body(bundle.json()).post();
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
		List<String> locations = response.jsonPath().getList("entry.response.location");
		for (int i = 0; i < names.size(); i++) {
			String[] parts = locations.get(i).split("/");
			ids.put(names.get(i), parts[1]);
		}
	}

	private static String patientFromDocument(TestServer server, String documentId) {
		String subject = server.asReader().get("/DocumentReference/" + documentId).then().statusCode(200)
				.extract().jsonPath().getString("subject.reference");
		return subject.substring(subject.indexOf('/') + 1);
	}

	static String createPatient(TestServer server, String fnr, String given, String family) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(fnr);
		patient.addName().setFamily(family).addGiven(given);
		return server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(patient))
				.post("/Patient").then().statusCode(201).extract().jsonPath().getString("id");
	}

	private static java.util.Date date(String value) {
		return new DateTimeType(value).getValue();
	}

	private static Identifier identifier(String token) {
		String[] parts = token.split("\\|");
		return new Identifier().setSystem(parts[0]).setValue(parts[1]);
	}

	private static CodeableConcept concept(String token) {
		String[] parts = token.split("\\|");
		CodeableConcept concept = new CodeableConcept();
		concept.addCoding().setSystem(parts[0]).setCode(parts[1]);
		return concept;
	}
}
