package no.dokumentdeling.mhd.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.util.HapiExtensions;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ITI-68 Retrieve Document over HTTP, by the absolute {@code attachment.url} ITI-67 hands out: the exact bytes with
 * the stored Content-Type, Accept handling, 404/406/410, superseded documents. H2 and PostgreSQL via subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetrieveDocumentContract {

	static final byte[] PDF = ProvideBundleBuilder.pdf("Epikrise til henting");
	static final byte[] XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><notat>Sammenfatning æøå</notat>".getBytes(StandardCharsets.UTF_8);
	static final byte[] TEXT = "Røntgen thorax:\r\nnormale forhold.\n".getBytes(StandardCharsets.UTF_8);

	protected abstract TestServer server();

	private String fnr;

	@BeforeAll
	void publish() {
		fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("A00-1", "A03-2", "application/pdf", PDF)
				.withDocument("A00-1", "A04-2", "text/xml", XML)
				.withDocument("E00-1", "E01-2", "text/plain; charset=UTF-8", TEXT);
		server().asSource().contentType("application/fhir+json").body(bundle.json()).post().then().statusCode(200);
		assertThat(server().asReader().get("/DocumentReference?patient.identifier=" + fnr)
				.then().statusCode(200).extract().jsonPath().getList("entry")).hasSize(3);
	}

	@Test
	void pdfIsReturnedByteIdenticalWithItsContentType() {
		assertRaw(url("A03-2"), PDF, "application/pdf");
	}

	@Test
	void xmlDocumentIsReturnedByteIdenticalWithItsContentType() {
		assertRaw(url("A04-2"), XML, "text/xml");
	}

	@Test
	void textDocumentIsReturnedByteIdenticalWithItsContentType() {
		assertRaw(url("E01-2"), TEXT, "text/plain; charset=UTF-8");
	}

	@ParameterizedTest
	@ValueSource(strings = {"*/*", "application/pdf", "application/*", "text/html,application/xhtml+xml,*/*;q=0.8",
			"application/fhir+json;q=0.5, application/pdf"})
	void acceptOfAnyTypeOrTheDocumentsOwnGivesTheBytes(String accept) {
		Response response = server().asReader().accept(accept).get(url("A03-2"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).isEqualTo("application/pdf");
		assertThat(response.asByteArray()).isEqualTo(PDF);
	}

	@ParameterizedTest
	@ValueSource(strings = {"application/fhir+json", "application/fhir+xml"})
	void acceptOfFhirGivesTheBinaryResourceWithTheBytesInline(String accept) {
		Response response = server().asReader().accept(accept).get(url("A03-2"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.contentType()).startsWith(accept);
		var parser = accept.endsWith("json") ? ProvideBundleBuilder.FHIR.newJsonParser() : ProvideBundleBuilder.FHIR.newXmlParser();
		Binary binary = parser.parseResource(Binary.class, response.asString());
		assertThat(binary.getContentType()).isEqualTo("application/pdf");
		assertThat(binary.getData()).isEqualTo(PDF);
		assertThat(binary.getDataElement().getExtension()).isEmpty();
	}

	/** ITI-68 Accept rule (docs/responder.md): plain JSON and XML ask for the FHIR Binary, not for the bytes. */
	@ParameterizedTest
	@ValueSource(strings = {"application/json", "application/xml", "application/json, */*;q=0.8", "text/xml"})
	void ruleRetrieveAccept_plainJsonOrXmlGivesTheBinaryResource(String accept) {
		Response response = server().asReader().accept(accept).get(url("A03-2"));

		assertThat(response.statusCode()).isEqualTo(200);
		boolean json = accept.contains("json");
		assertThat(response.contentType()).startsWith(json ? "application/fhir+json" : "application/fhir+xml");
		var parser = json ? ProvideBundleBuilder.FHIR.newJsonParser() : ProvideBundleBuilder.FHIR.newXmlParser();
		Binary binary = parser.parseResource(Binary.class, response.asString());
		assertThat(binary.getContentType()).isEqualTo("application/pdf");
		assertThat(binary.getData()).isEqualTo(PDF);
	}

	@ParameterizedTest
	@ValueSource(strings = {"image/png", "text/plain", "application/pdf;q=0, application/json+x"})
	void acceptThatCannotBeServedGets406(String accept) {
		Response response = server().asReader().accept(accept).get(url("A03-2"));

		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.asString()).contains("OperationOutcome");
	}

	@Test
	void unknownDocumentGets404() {
		Response response = server().asReader().get(server().baseUrl() + "/Binary/no-such-document");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.asString()).contains("OperationOutcome");
	}

	@Test
	void etagIsStableAndIfNoneMatchGets304() {
		Response first = server().asReader().get(url("A03-2"));
		String etag = first.header("ETag");
		assertThat(etag).matches("\"[0-9a-f]{64}\"");
		assertThat(server().asReader().get(url("A03-2")).header("ETag")).isEqualTo(etag);

		Response again = server().asReader().header("If-None-Match", etag).get(url("A03-2"));
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.asByteArray()).isEmpty();
	}

	@Test
	void supersededDocumentIsStillRetrievable() {
		String fnr2 = SyntheticFodselsnummer.next();
		server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr2).withDocument("A00-1", "A03-2", "application/pdf", PDF).json())
				.post().then().statusCode(200);
		var old = server().asReader().get("/DocumentReference?patient.identifier=" + fnr2).jsonPath();
		String oldId = old.getString("entry[0].resource.id");
		String oldUrl = old.getString("entry[0].resource.content[0].attachment.url");
		server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr2).withDocument("A00-1", "A03-2", "text/plain", TEXT).replacing(oldId).json())
				.post().then().statusCode(200);
		assertThat(server().asReader().get("/DocumentReference/" + oldId).jsonPath().getString("status")).isEqualTo("superseded");

		assertRaw(oldUrl, PDF, "application/pdf");
	}

	@Test
	void withdrawnDocumentGets410() {
		var published = publishOne();
		DaoRegistry daos = server().bean(DaoRegistry.class);
		var documents = daos.getResourceDao(DocumentReference.class);
		DocumentReference document = documents.read(new IdType("DocumentReference", published[0]), new SystemRequestDetails());
		document.setStatus(DocumentReferenceStatus.ENTEREDINERROR);
		documents.update(document, new SystemRequestDetails());

		Response response = server().asReader().get(published[1]);

		assertThat(response.statusCode()).isEqualTo(410);
		assertThat(response.asString()).contains("OperationOutcome");
	}

	@Test
	void documentWhoseBytesAreGoneGets410() {
		var published = publishOne();
		IdType binaryId = new IdType(published[1].substring(published[1].indexOf("Binary/")));
		Binary binary = server().bean(DaoRegistry.class).getResourceDao(Binary.class).read(binaryId, new SystemRequestDetails());
		String blobId = binary.getDataElement().getExtensionByUrl(HapiExtensions.EXT_EXTERNALIZED_BINARY_ID).getValue().primitiveValue();
		server().bean(IBinaryStorageSvc.class).expungeBinaryContent(binaryId, blobId);

		assertThat(server().asReader().get(published[1]).statusCode()).isEqualTo(410);
	}

	/** Publishes one document for a new patient; returns its DocumentReference id and attachment URL. */
	private String[] publishOne() {
		String fnr3 = SyntheticFodselsnummer.next();
		server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr3).withDocument("A00-1", "A03-2", "application/pdf", PDF).json())
				.post().then().statusCode(200);
		var found = server().asReader().get("/DocumentReference?patient.identifier=" + fnr3).jsonPath();
		return new String[] {found.getString("entry[0].resource.id"), found.getString("entry[0].resource.content[0].attachment.url")};
	}

	private void assertRaw(String url, byte[] expected, String contentType) {
		Response response = server().asReader().get(url);
		assertThat(response.statusCode()).isEqualTo(200);
		// Tomcat writes parameters without the space after ';' ("text/plain;charset=UTF-8"): same media type.
		assertThat(response.header("Content-Type").replace(" ", "")).isEqualTo(contentType.replace(" ", ""));
		assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(expected.length));
		assertThat(response.header("ETag")).isNotBlank();
		assertThat(response.asByteArray()).isEqualTo(expected);
	}

	private String url(String type) {
		var found = server().asReader().get("/DocumentReference?patient.identifier=" + fnr + "&type="
				+ ProvideBundleBuilder.VOLVEN_9602 + "|" + type).jsonPath();
		return found.getString("entry[0].resource.content[0].attachment.url");
	}
}
