package no.dokumentdeling.mhd.provide;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.StoredDocuments;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ITI-105 Simplified Publish: {@code POST DocumentReference} with the document in {@code content.attachment.data} is
 * stored with its Binary and a SubmissionSet, found by ITI-66/67 and read by ITI-68 byte-identical, audited as
 * ITI-105; every ITI-65 rule that applies to one DocumentReference refuses a bad one with its rule and XDS code.
 */
abstract class SimplifiedPublishContract {

	static final byte[] PDF = ProvideBundleBuilder.pdf("Epikrise publisert med ITI-105");

	protected abstract TestServer server();

	/** A Comprehensive DocumentReference as ITI-65 would carry it, with the bytes inline instead of in a Binary. */
	static DocumentReference simplified(String fnr) {
		DocumentReference document = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("A00-1", "A03-2", "application/pdf", PDF).document(0).copy();
		document.getContentFirstRep().getAttachment().setUrl(null).setData(PDF);
		document.getMeta().addProfile(SimplifiedPublish.PROFILE);
		return document;
	}

	@Test
	void ruleSimplifiedPublish_storesTheDocumentWithItsBinaryAndSubmissionSet() {
		String fnr = SyntheticFodselsnummer.next();
		DocumentReference document = simplified(fnr);

		Response created = post(document);

		assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
		String id = created.jsonPath().getString("id");
		assertThat(created.header("Location")).contains("/DocumentReference/" + id);
		JsonPath stored = created.jsonPath();
		assertThat(stored.getString("content[0].attachment.data")).isNull();
		String url = stored.getString("content[0].attachment.url");
		assertThat(url).startsWith(server().baseUrl() + "/Binary/");
		assertThat(stored.getString("masterIdentifier.value")).isEqualTo(document.getMasterIdentifier().getValue());

		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), fnr, "&status=current"))).containsExactly(id);
		Response retrieved = server().asReader().get(url);
		assertThat(retrieved.statusCode()).isEqualTo(200);
		assertThat(retrieved.contentType()).isEqualTo("application/pdf");
		assertThat(retrieved.asByteArray()).isEqualTo(PDF);
		JsonPath lists = server().asReader().get("/List?patient.identifier=" + fnr + "&code=submissionset")
				.then().statusCode(200).extract().jsonPath();
		assertThat(lists.getList("entry")).hasSize(1);
		assertThat(lists.getString("entry[0].resource.entry[0].item.reference")).isEqualTo("DocumentReference/" + id);
		assertThat(lists.getString("entry[0].resource.extension.find { it.url.endsWith('ihe-sourceId') }.valueIdentifier.value"))
				.isEqualTo("urn:oid:2.16.578.1.12.4.1.2.993467049");

		JsonPath audit = server().with(TestIssuer.dpop().auditor())
				.get("/AuditEvent?entity=DocumentReference/" + id + "&subtype=urn:ihe:event-type-code|ITI-105")
				.then().statusCode(200).extract().jsonPath();
		assertThat(audit.getList("entry")).as("the ITI-105 record").hasSize(1);
		assertThat(audit.getString("entry[0].resource.outcome")).isEqualTo("0");
	}

	@Test
	void ruleSimplifiedPublish_acceptsXmlAndAnswersInXml() {
		String fnr = SyntheticFodselsnummer.next();
		Response created = server().asSource().contentType("application/fhir+xml").accept("application/fhir+xml")
				.body(ProvideBundleBuilder.FHIR.newXmlParser().encodeResourceToString(simplified(fnr))).post("/DocumentReference");

		assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
		DocumentReference stored = ProvideBundleBuilder.FHIR.newXmlParser().parseResource(DocumentReference.class, created.asString());
		assertThat(stored.getContentFirstRep().getAttachment().hasData()).isFalse();
		assertThat(server().asReader().get(stored.getContentFirstRep().getAttachment().getUrl()).asByteArray()).isEqualTo(PDF);
	}

	@Test
	void ruleSimplifiedPublish_isForTheDocumentSourceOnly() {
		Response refused = server().asReader().contentType("application/fhir+json")
				.body(encode(simplified(SyntheticFodselsnummer.next()))).post("/DocumentReference");

		assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
		assertThat(refused.asString()).contains("OperationOutcome");
	}

	static Stream<Arguments> breakingOneRule() {
		return Stream.of(
				rule("no inline data (a reference)", d -> d.getContentFirstRep().getAttachment().setData(null).setUrl("Binary/1"),
						SimplifiedPublish.RULE, "XDSMissingDocument"),
				rule("wrong patient identifier", d -> d.getSubject().getIdentifier()
						.setValue(SyntheticFodselsnummer.withWrongCheckDigit(d.getSubject().getIdentifier().getValue())),
						"patient-reference", "XDSUnknownPatientId"),
				rule("no type", d -> d.getType().getCoding().clear(), "document-reference-elements", "XDSRegistryMetadataError"),
				rule("no category", d -> d.getCategory().clear(), "document-reference-elements", "XDSRegistryMetadataError"),
				rule("no masterIdentifier", d -> d.setMasterIdentifier(null), "document-reference-elements", "XDSRegistryMetadataError"),
				rule("status superseded", d -> d.setStatus(DocumentReferenceStatus.SUPERSEDED),
						"document-reference-elements", "XDSRegistryMetadataError"),
				rule("no contentType", d -> d.getContentFirstRep().getAttachment().setContentType(null),
						"document-reference-elements", "XDSRegistryMetadataError"),
				rule("type under another category", d -> d.getType().getCodingFirstRep().setCode("E01-2"),
						"document-type-9602", "XDSRegistryMetadataError"),
				rule("a category the service does not share", d -> {
					d.getCategoryFirstRep().getCodingFirstRep().setCode("C00-1");
					d.getType().getCodingFirstRep().setCode("C01-2");
				}, "document-type-policy", "XDSRegistryMetadataError"),
				rule("unknown security label", d -> d.getSecurityLabelFirstRep().getCodingFirstRep().setCode("XYZ"),
						"security-label", "XDSRegistryMetadataError"),
				rule("Comprehensive without practiceSetting", d -> d.getContext().getPracticeSetting().getCoding().clear(),
						"comprehensive-document-reference", "XDSRegistryMetadataError"),
				rule("bad hash", d -> d.getContentFirstRep().getAttachment().setHash(ProvideBundleBuilder.sha1(new byte[] {1})),
						"attachment-hash", "XDSNonIdenticalHash"),
				rule("bad size", d -> d.getContentFirstRep().getAttachment().setSize(PDF.length + 1),
						"attachment-size", "XDSNonIdenticalSize"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("breakingOneRule")
	void ruleSimplifiedPublish_meetsEveryItI65Rule(String broken, Consumer<DocumentReference> breaking, String rule, String xdsCode) {
		DocumentReference document = simplified(SyntheticFodselsnummer.next());
		String uniqueId = document.getMasterIdentifier().getValue();
		breaking.accept(document);

		assertRefused(post(document), 422, rule, xdsCode);
		assertThat(StoredDocuments.idsByIdentifier(server(), uniqueId)).as("nothing stored").isEmpty();
	}

	@Test
	void ruleSimplifiedPublish_aUniqueIdIsNeverReused() {
		String fnr = SyntheticFodselsnummer.next();
		DocumentReference document = simplified(fnr);
		assertThat(post(document).statusCode()).isEqualTo(201);

		assertRefused(post(document), 409, "unique-id", "XDSDuplicateUniqueIdInRegistry");
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), fnr, ""))).hasSize(1);
	}

	private static Arguments rule(String broken, Consumer<DocumentReference> breaking, String rule, String xdsCode) {
		return Arguments.of(broken, breaking, rule, xdsCode);
	}

	private Response post(DocumentReference document) {
		return server().asSource().contentType("application/fhir+json").body(encode(document)).post("/DocumentReference");
	}

	private static String encode(DocumentReference document) {
		return ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(document);
	}

	private static void assertRefused(Response response, int status, String rule, String xdsCode) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
		JsonPath outcome = response.jsonPath();
		assertThat(outcome.getString("resourceType")).isEqualTo("OperationOutcome");
		assertThat(outcome.getList("issue[0].details.coding.code", String.class)).contains(rule, xdsCode);
	}

}
