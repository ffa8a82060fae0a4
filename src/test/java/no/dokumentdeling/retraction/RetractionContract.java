package no.dokumentdeling.retraction;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/**
 * Rule "retraction": the organisation that published a document withdraws it ({@code entered-in-error}) with a PATCH
 * (FHIRPath Patch or JSON Patch) or a PUT that changes only the status. Then no consumer finds it, its read and its
 * ITI-68 answer 410, the innsynslogg still shows who read it, and the retraction is audited. Anyone else gets 403.
 */
abstract class RetractionContract {

	static final String FHIRPATH_PATCH = """
			{"resourceType": "Parameters", "parameter": [{"name": "operation", "part": [
			  {"name": "type", "valueCode": "replace"},
			  {"name": "path", "valueString": "DocumentReference.status"},
			  {"name": "value", "valueCode": "entered-in-error"}]}]}""";

	protected abstract TestServer server();

	record Document(String fnr, String id, String url) {}

	@Test
	void ruleRetraction_thePublishingOrganisationWithdrawsItAndNoConsumerFindsIt() {
		Document document = publish();
		String gpEventId = "gp-read-" + document.id();
		assertThat(server().asReader().header("nhn-event-id", gpEventId).get(document.url()).statusCode()).isEqualTo(200);

		Response patched = patch(server().asSource(), document.id(), FHIRPATH_PATCH, "application/fhir+json");

		assertThat(patched.statusCode()).as(patched.asString()).isEqualTo(200);
		assertThat(patched.jsonPath().getString("status")).isEqualTo("entered-in-error");
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), document.fnr(), ""))).isEmpty();
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), document.fnr(), "&status=current"))).isEmpty();
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), document.fnr(), "&status=entered-in-error"))).isEmpty();
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asCitizen(document.fnr()), document.fnr(), ""))).isEmpty();
		assertGone(server().asReader().get("/DocumentReference/" + document.id()));
		assertGone(server().asReader().get(document.url()));
		assertGone(server().asCitizen(document.fnr()).get(document.url()));
		JsonPath lists = server().asReader().get("/List?patient.identifier=" + document.fnr() + "&code=submissionset")
				.then().statusCode(200).extract().jsonPath();
		assertThat(lists.getList("entry")).as("its SubmissionSet").hasSize(1);
		List<Map<String, Object>> entries = lists.getList("entry[0].resource.entry");
		assertThat(entries).as("the SubmissionSet no longer lists it").isNullOrEmpty();

		JsonPath innsynslogg = server().asCitizen(document.fnr()).urlEncodingEnabled(false).get("/$innsynslogg")
				.then().statusCode(200).extract().jsonPath();
		assertThat(innsynslogg.getList("entry.resource.subtype.flatten().code", String.class))
				.as("the GP's read before the retraction").contains("ITI-68");

		JsonPath record = auditOf(document.id(), "patch");
		assertThat(record.getString("outcome")).isEqualTo("0");
		assertThat(record.getList("agent.who.identifier.value", String.class)).contains("993467049");
		assertThat(record.getList("entity.what.reference", String.class)).contains("DocumentReference/" + document.id());
	}

	@Test
	void ruleRetraction_byJsonPatch() {
		Document document = publish();

		Response patched = patch(server().asSource(), document.id(),
				"[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"entered-in-error\"}]", "application/json-patch+json");

		assertThat(patched.statusCode()).as(patched.asString()).isEqualTo(200);
		assertGone(server().asReader().get(document.url()));
	}

	@Test
	void ruleRetraction_byPutOfTheStoredDocumentWithOnlyItsStatusChanged() {
		Document document = publish();
		DocumentReference stored = stored(document.id());
		stored.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);

		Response put = put(server().asSource(), stored);

		assertThat(put.statusCode()).as(put.asString()).isEqualTo(200);
		assertGone(server().asReader().get("/DocumentReference/" + document.id()));
		assertThat(auditOf(document.id(), "update").getString("outcome")).isEqualTo("0");
	}

	@Test
	void ruleRetraction_ofADocumentPublishedWithIti105() {
		String fnr = SyntheticFodselsnummer.next();
		DocumentReference document = ProvideBundleBuilder.forPatient(fnr).withEpikrise().document(0).copy();
		document.getContentFirstRep().getAttachment().setUrl(null).setData(ProvideBundleBuilder.pdf("Epikrise"));
		JsonPath created = server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(document)).post("/DocumentReference")
				.then().statusCode(201).extract().jsonPath();

		Response patched = patch(server().asSource(), created.getString("id"), FHIRPATH_PATCH, "application/fhir+json");

		assertThat(patched.statusCode()).as(patched.asString()).isEqualTo(200);
		assertGone(server().asReader().get(created.getString("content[0].attachment.url")));
	}

	@Test
	void ruleRetraction_onlyThePublishingOrganisation() {
		Document document = publish();
		RequestSpecification otherHospital = server().with(TestIssuer.dpop().source()
				.claim("helseid://claims/client/claims/orgnr_parent", "983974899")
				.claim("helseid://claims/client/claims/orgnr_child", "974633574"));

		for (RequestSpecification other : List.of(otherHospital, server().asReader(), server().asCitizen(document.fnr()))) {
			Response refused = patch(other, document.id(), FHIRPATH_PATCH, "application/fhir+json");
			assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
			assertThat(refused.asString()).contains("OperationOutcome");
		}
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), document.fnr(), "")))
				.containsExactly(document.id());
		assertThat(server().asReader().get(document.url()).statusCode()).isEqualTo(200);
	}

	@Test
	void ruleRetraction_changesOnlyTheStatus() {
		Document document = publish();
		String alsoDescription = FHIRPATH_PATCH.replace("]}]}", "]}, {\"name\": \"operation\", \"part\": ["
				+ "{\"name\": \"type\", \"valueCode\": \"add\"}, {\"name\": \"path\", \"valueString\": \"DocumentReference\"},"
				+ "{\"name\": \"name\", \"valueString\": \"description\"}, {\"name\": \"value\", \"valueString\": \"feil\"}]}]}");
		String superseded = FHIRPATH_PATCH.replace("entered-in-error", "superseded");
		DocumentReference otherType = stored(document.id());
		otherType.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
		otherType.getType().getCodingFirstRep().setCode("A13-2");

		for (Response refused : List.of(
				patch(server().asSource(), document.id(), alsoDescription, "application/fhir+json"),
				patch(server().asSource(), document.id(), superseded, "application/fhir+json"),
				put(server().asSource(), otherType))) {
			assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
			assertThat(refused.asString()).contains("OperationOutcome").contains("[retraction]");
		}
		assertThat(stored(document.id()).getStatus().toCode()).isEqualTo("current");
	}

	@Test
	void ruleRetraction_aWithdrawnDocumentIsNotWithdrawnAgain() {
		Document document = publish();
		assertThat(patch(server().asSource(), document.id(), FHIRPATH_PATCH, "application/fhir+json").statusCode()).isEqualTo(200);

		Response again = patch(server().asSource(), document.id(), FHIRPATH_PATCH, "application/fhir+json");

		assertThat(again.statusCode()).as(again.asString()).isEqualTo(409);
		assertThat(again.asString()).contains("OperationOutcome");
	}

	@Test
	void ruleRetraction_neverDeletesNorCreates() {
		Document document = publish();

		Response delete = server().asSource().delete("/DocumentReference/" + document.id());
		DocumentReference unknown = stored(document.id());
		unknown.setIdElement(new IdType("DocumentReference", "no-such-document-" + document.id()));
		Response create = put(server().asSource(), unknown);

		assertThat(delete.statusCode()).as(delete.asString()).isEqualTo(405);
		assertThat(create.statusCode()).as(create.asString()).isEqualTo(405);
		assertThat(create.asString()).contains("OperationOutcome");
		assertThat(server().asReader().get(document.url()).statusCode()).isEqualTo(200);
	}

	private Document publish() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = Published.by(server(), ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		String id = published.documentIds().get(0);
		return new Document(fnr, id, server().baseUrl() + "/Binary/" + published.binaryIds().get(0));
	}

	/** The document as stored, as the source that published it knows it. */
	private DocumentReference stored(String id) {
		return server().bean(DaoRegistry.class).getResourceDao(DocumentReference.class)
				.read(new IdType("DocumentReference", id), new SystemRequestDetails());
	}

	private static Response patch(RequestSpecification as, String id, String body, String contentType) {
		return as.contentType(contentType).body(body).patch("/DocumentReference/" + id);
	}

	private static Response put(RequestSpecification as, DocumentReference document) {
		return as.contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(document))
				.put("/DocumentReference/" + document.getIdElement().getIdPart());
	}

	private JsonPath auditOf(String documentId, String interaction) {
		JsonPath bundle = server().with(TestIssuer.dpop().auditor())
				.get("/AuditEvent?entity=DocumentReference/" + documentId + "&subtype=http://hl7.org/fhir/restful-interaction|" + interaction)
				.then().statusCode(200).extract().jsonPath();
		assertThat(bundle.getList("entry")).as("the retraction's record").hasSize(1);
		return bundle.setRootPath("entry[0].resource");
	}

	private static void assertGone(Response response) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(410);
		assertThat(response.asString()).contains("OperationOutcome");
	}
}
