package no.dokumentdeling.security;

import static no.dokumentdeling.security.SecurityAssertions.assertForbidden;
import static no.dokumentdeling.testsupport.UnknownAnswer.assertAnswersAsUnknown;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.security.SecurityAssertions.Published;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may do what: scopes per operation, health personnel requirements, citizens' own data, refused search features. */
class AccessPolicyTest {

	private static final TestServer server = SharedServers.h2();
	private static final TestIssuer issuer = TestIssuer.dpop();
	private static Published ola;
	private static Published kari;

	@BeforeAll
	static void publishTwoPatientsDocuments() {
		ola = SecurityAssertions.publish(server, SyntheticFodselsnummer.next());
		kari = SecurityAssertions.publish(server, SyntheticFodselsnummer.next());
	}

	private static String patientIdentifier(String fnr) {
		return IdentifierSystems.FODSELSNUMMER + "|" + fnr;
	}

	private static String patientJson(String fnr) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(fnr);
		return ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(patient);
	}

	// ---- scopes per operation ---------------------------------------------------------------------------------

	@Test
	void sourceMayPublishButNotRead() {
		assertForbidden(server.asSource().get("/DocumentReference?patient.identifier=" + patientIdentifier(ola.fnr())));
		assertForbidden(server.asSource().get("/DocumentReference/" + ola.documentId()));
		assertForbidden(server.asSource().get("/List?patient=" + ola.patientId()));
		assertForbidden(server.asSource().get("/Patient/" + ola.patientId()));
		assertForbidden(server.asSource().get("/Binary/" + ola.binaryId()));
	}

	@Test
	void missingScopeForTransactionIsForbidden() {
		String bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json();
		assertForbidden(server.asReader().contentType("application/fhir+json").body(bundle).post());
		assertForbidden(server.asCitizen(ola.fnr()).contentType("application/fhir+json").body(bundle).post());
		assertForbidden(server.with(issuer.auditor()).contentType("application/fhir+json").body(bundle).post());
	}

	@Test
	void missingScopeForPatientCreateAndUpdateIsForbidden() {
		assertForbidden(server.asReader().contentType("application/fhir+json").body(patientJson(SyntheticFodselsnummer.next())).post("/Patient"));
		assertForbidden(server.asReader().contentType("application/fhir+json")
				.body(patientJson(ola.fnr()).replace("{", "{\"id\":\"" + ola.patientId() + "\",")).put("/Patient/" + ola.patientId()));
	}

	@Test
	void sourceMayCreatePatient() {
		server.asSource().contentType("application/fhir+json").body(patientJson(SyntheticFodselsnummer.next()))
				.post("/Patient").then().statusCode(201);
	}

	@Test
	void missingScopeReadDocumentReferencesForSearchAndReadIsForbidden() {
		TestIssuer.Token onlyDocument = issuer.gp().scope(TestIssuer.READ_DOCUMENT);
		assertForbidden(server.with(onlyDocument).get("/DocumentReference?patient=" + ola.patientId()));
		assertForbidden(server.with(issuer.gp().scope(TestIssuer.READ_DOCUMENT)).get("/List?patient=" + ola.patientId()));
		assertForbidden(server.with(issuer.gp().scope(TestIssuer.READ_DOCUMENT)).get("/DocumentReference/" + ola.documentId()));
		assertForbidden(server.with(issuer.gp().scope(TestIssuer.READ_DOCUMENT)).get("/Patient?identifier=" + patientIdentifier(ola.fnr())));
	}

	@Test
	void missingScopeReadDocumentForBinaryIsForbidden() {
		assertForbidden(server.with(issuer.gp().scope(TestIssuer.READ_REFERENCES)).get("/Binary/" + ola.binaryId()));
	}

	@Test
	void auditScopeGivesNoDocumentAccess() {
		assertForbidden(server.with(issuer.auditor()).get("/DocumentReference?patient=" + ola.patientId()));
		assertForbidden(server.with(issuer.auditor()).get("/Binary/" + ola.binaryId()));
	}

	@Test
	void tokenWithoutScopeIsForbidden() {
		assertForbidden(server.with(issuer.gp().without("scope")).get("/DocumentReference?patient=" + ola.patientId()));
	}

	@Test
	void metadataNeedsNoScope() {
		server.with(issuer.auditor()).get("/metadata").then().statusCode(200);
	}

	@Test
	void scopeMayBeSpaceSeparatedString() {
		server.with(issuer.gp().scopeString(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT))
				.get("/DocumentReference?patient=" + ola.patientId()).then().statusCode(200);
	}

	// ---- health personnel ------------------------------------------------------------------------------------

	@Test
	void healthPersonnelMaySearchReadAndRetrieve() {
		Response found = server.asReader().get("/DocumentReference?patient.identifier=" + patientIdentifier(ola.fnr()));
		found.then().statusCode(200);
		assertThat(found.jsonPath().getList("entry.resource.id")).containsExactly(ola.documentId());
		server.asReader().get("/List?patient=" + ola.patientId()).then().statusCode(200);
		server.asReader().get("/List/" + ola.listId()).then().statusCode(200);
		server.asReader().get("/Patient/" + ola.patientId()).then().statusCode(200);
		byte[] bytes = server.asReader().get("/Binary/" + ola.binaryId()).then().statusCode(200).extract().asByteArray();
		assertThat(bytes).isNotEmpty();
	}

	@Test
	void healthPersonnelMaySearchWithPostSearch() {
		server.asReader().contentType("application/x-www-form-urlencoded")
				.formParam("patient.identifier", patientIdentifier(ola.fnr()))
				.post("/DocumentReference/_search").then().statusCode(200);
	}

	@Test
	void healthPersonnelWithSecurityLevel3IsForbidden() {
		TestIssuer.Token level3 = issuer.gp().claim("helseid://claims/identity/security_level", "3");
		assertForbidden(server.with(level3).get("/DocumentReference?patient=" + ola.patientId()));
		assertForbidden(server.with(issuer.gp().claim("helseid://claims/identity/security_level", "3")).get("/Binary/" + ola.binaryId()));
	}

	@Test
	void healthPersonnelWithoutHprNumberIsForbidden() {
		assertForbidden(server.with(issuer.gp().without("helseid://claims/hpr/hpr_number"))
				.get("/DocumentReference?patient=" + ola.patientId()));
	}

	@Test
	void missingTrustFrameworkDetailsIsForbidden() {
		assertForbidden(server.with(issuer.gp().without("authorization_details"))
				.get("/DocumentReference?patient=" + ola.patientId()));
		assertForbidden(server.with(issuer.gp().claim("authorization_details", List.of(Map.of("type", "something:else"))))
				.get("/DocumentReference?patient=" + ola.patientId()));
	}

	@Test
	void trustFrameworkWithoutPurposeOfUseIsForbidden() {
		Map<String, Object> details = new java.util.LinkedHashMap<>(TestIssuer.trustFramework());
		details.put("care_relationship", Map.of("healthcare_service", Map.of("code", "S03")));
		assertForbidden(server.with(issuer.gp().claim("authorization_details", List.of(details)))
				.get("/DocumentReference?patient=" + ola.patientId()));
	}

	@Test
	void trustFrameworkAsSingleObjectIsAccepted() {
		server.with(issuer.gp().claim("authorization_details", TestIssuer.trustFramework()))
				.get("/DocumentReference?patient=" + ola.patientId()).then().statusCode(200);
	}

	// ---- citizens ----------------------------------------------------------------------------------------------

	@Test
	void citizenMaySearchOwnDocumentsByIdentifierOrPatientId() {
		Response byIdentifier = server.asCitizen(ola.fnr()).get("/DocumentReference?patient.identifier=" + patientIdentifier(ola.fnr()));
		byIdentifier.then().statusCode(200);
		assertThat(byIdentifier.jsonPath().getList("entry.resource.id")).containsExactly(ola.documentId());
		server.asCitizen(ola.fnr()).get("/DocumentReference?patient=" + ola.patientId()).then().statusCode(200);
		server.asCitizen(ola.fnr()).get("/DocumentReference?subject=Patient/" + ola.patientId()).then().statusCode(200);
		server.asCitizen(ola.fnr()).get("/List?patient=" + ola.patientId()).then().statusCode(200);
	}

	@Test
	void citizenMayReadOwnDocumentReferenceListAndBinary() {
		server.asCitizen(ola.fnr()).get("/DocumentReference/" + ola.documentId()).then().statusCode(200);
		server.asCitizen(ola.fnr()).get("/List/" + ola.listId()).then().statusCode(200);
		server.asCitizen(ola.fnr()).get("/Binary/" + ola.binaryId()).then().statusCode(200);
	}

	@Test
	void citizenSearchForAnotherPatientIsForbidden() {
		assertForbidden(server.asCitizen(ola.fnr()).get("/DocumentReference?patient.identifier=" + patientIdentifier(kari.fnr())));
		assertForbidden(server.asCitizen(ola.fnr()).get("/DocumentReference?patient=" + kari.patientId()));
		assertForbidden(server.asCitizen(ola.fnr()).get("/List?patient=" + kari.patientId()));
		assertForbidden(server.asCitizen(ola.fnr()).get("/List?subject=Patient/" + kari.patientId()));
	}

	@Test
	void citizenSearchNamingOwnAndAnotherPatientIsForbidden() {
		assertForbidden(server.asCitizen(ola.fnr()).get("/DocumentReference?patient=" + ola.patientId() + "," + kari.patientId()));
		assertForbidden(server.asCitizen(ola.fnr())
				.get("/DocumentReference?patient=" + ola.patientId() + "&patient.identifier=" + patientIdentifier(kari.fnr())));
	}

	@Test
	void citizenSearchWithoutPatientIsForbidden() {
		assertForbidden(server.asCitizen(ola.fnr()).get("/DocumentReference?status=current"));
		assertForbidden(server.asCitizen(ola.fnr()).get("/List"));
		assertForbidden(server.asCitizen(ola.fnr()).get("/DocumentReference?patient:missing=false"));
	}

	@Test
	void ruleHiddenIsUnknown_citizenReadingAnotherPersonsDocumentReferenceAnswersAsUnknown() {
		assertAnswersAsUnknown(server.asCitizen(ola.fnr()).get("/DocumentReference/" + kari.documentId()),
				server.asCitizen(ola.fnr()).get("/DocumentReference/does-not-exist"));
	}

	@Test
	void ruleHiddenIsUnknown_citizenReadingAnotherPersonsListAnswersAsUnknown() {
		assertAnswersAsUnknown(server.asCitizen(ola.fnr()).get("/List/" + kari.listId()),
				server.asCitizen(ola.fnr()).get("/List/987654321"));
	}

	@Test
	void ruleHiddenIsUnknown_citizenReadingAnotherPersonsBinaryAnswersAsUnknown() {
		assertAnswersAsUnknown(server.asCitizen(ola.fnr()).get("/Binary/" + kari.binaryId()),
				server.asCitizen(ola.fnr()).get("/Binary/987654321"));
	}

	@Test
	void citizenCannotPageThroughSomeoneElsesSearch() {
		SecurityAssertions.publish(server, kari.fnr());
		Response first = server.asReader().get("/DocumentReference?patient=" + kari.patientId() + "&_count=1");
		first.then().statusCode(200);
		String next = first.jsonPath().getString("link.find { it.relation == 'next' }.url");
		assertThat(next).contains("_getpages");
		String query = next.substring(next.indexOf('?'));

		assertForbidden(server.asCitizen(ola.fnr()).urlEncodingEnabled(false).get(query));
		server.asReader().urlEncodingEnabled(false).get(query).then().statusCode(200);
	}

	@Test
	void citizenMayNotReadPatients() {
		assertForbidden(server.asCitizen(ola.fnr()).get("/Patient?identifier=" + patientIdentifier(kari.fnr())));
	}

	@Test
	void citizenTokenWithoutPidIsForbidden() {
		assertForbidden(server.with(issuer.citizen(ola.fnr()).without("helseid://claims/identity/pid"))
				.get("/DocumentReference?patient=" + ola.patientId()));
	}

	// ---- Binary guard ------------------------------------------------------------------------------------------

	@Test
	void binaryGuardGivesNoBytesWithoutRightToTheDocumentReferenceById() {
		assertAnswersAsUnknown(server.asCitizen(ola.fnr()).get("/Binary/" + kari.binaryId()),
				server.asCitizen(ola.fnr()).get("/Binary/not-a-binary"));
		assertForbidden(server.asSource().get("/Binary/" + kari.binaryId()));
		assertForbidden(server.with(issuer.gp().claim("helseid://claims/identity/security_level", "3")).get("/Binary/" + kari.binaryId()));
	}

	@Test
	void binaryGuardGivesNoBytesWithoutRightToTheDocumentReferenceByUrl() {
		String url = kari.attachmentUrl().startsWith("http") ? kari.attachmentUrl() : server.baseUrl() + "/" + kari.attachmentUrl();
		assertAnswersAsUnknown(server.asCitizen(ola.fnr()).baseUri(url).get(), server.asCitizen(ola.fnr()).get("/Binary/not-a-binary"));
		server.asCitizen(kari.fnr()).baseUri(url).get().then().statusCode(200);
		server.asReader().baseUri(url).get().then().statusCode(200);
	}

	@Test
	void guessedBinaryIdsRevealNothing() {
		Response unknown = server.asReader().get("/Binary/12345678");
		Response unreferenced = server.asReader().get("/Binary/not-a-binary");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unreferenced.statusCode()).isEqualTo(404);
		assertAnswersAsUnknown(unreferenced, unknown);
		assertAnswersAsUnknown(server.asCitizen(ola.fnr()).get("/Binary/" + kari.binaryId()),
				server.asCitizen(ola.fnr()).get("/Binary/12345678"));
	}

	@Test
	void binaryVersionReadIsRefused() {
		assertThat(server.asReader().get("/Binary/" + ola.binaryId() + "/_history/1").statusCode()).isIn(403, 405);
	}

	// ---- refused search features for readers -------------------------------------------------------------------

	@Test
	void readersMayNotUseInclude() {
		assertForbidden(server.asReader().get("/DocumentReference?patient=" + ola.patientId() + "&_include=DocumentReference:subject"));
		assertForbidden(server.asReader().get("/List?patient=" + ola.patientId() + "&_include:iterate=List:item"));
	}

	@Test
	void readersMayNotUseRevinclude() {
		assertForbidden(server.asReader().get("/Patient?_id=" + ola.patientId() + "&_revinclude=DocumentReference:subject"));
	}

	@Test
	void readersMayNotUseHas() {
		assertForbidden(server.asReader().get("/Patient?_has:DocumentReference:subject:status=current"));
	}

	@Test
	void citizensMayNotUseIncludeEither() {
		assertForbidden(server.asCitizen(ola.fnr()).get("/DocumentReference?patient=" + ola.patientId() + "&_revinclude=List:item"));
	}

	@Test
	void readersMayNotUseOtherChains() {
		assertForbidden(server.asReader().get("/DocumentReference?subject:Patient.identifier=" + patientIdentifier(ola.fnr())));
		assertForbidden(server.asReader().get("/DocumentReference?subject.name=Brekke"));
		assertForbidden(server.asReader().get("/DocumentReference?relatesto.subject=Patient/" + ola.patientId()));
	}

	@Test
	void allowedChainsWork() {
		server.asReader().get("/DocumentReference?patient.identifier=" + patientIdentifier(ola.fnr())).then().statusCode(200);
		server.asReader().get("/DocumentReference?patient=" + ola.patientId() + "&author.family=Lege").then().statusCode(200);
		server.asReader().get("/List?patient=" + ola.patientId() + "&source.given=Kari").then().statusCode(200);
	}

	@Test
	void readersMayNotReadHistory() {
		assertThat(server.asReader().get("/DocumentReference/" + ola.documentId() + "/_history").statusCode()).isIn(403, 405);
		assertThat(server.asReader().get("/DocumentReference/_history").statusCode()).isIn(403, 405);
		assertThat(server.asReader().get("/_history").statusCode()).isIn(400, 403, 405);
		assertThat(server.asReader().get("/DocumentReference/" + ola.documentId() + "/_history/1").statusCode()).isIn(403, 405);
	}

	@Test
	void readersMayNotInvokeOperations() {
		// Sent literally: the DPoP proof's htu must be the URL exactly as requested.
		// System-level $meta is not even registered here (400); the resource-level ones HAPI offers are refused.
		assertThat(server.asReader().urlEncodingEnabled(false).get("/$meta").statusCode()).isIn(400, 403, 405);
		assertThat(server.asReader().urlEncodingEnabled(false).get("/DocumentReference/" + ola.documentId() + "/$meta").statusCode())
				.isIn(403, 405);
		assertThat(server.asReader().urlEncodingEnabled(false).contentType("application/fhir+json").body("{\"resourceType\":\"Parameters\"}")
				.post("/DocumentReference/$validate").statusCode()).isIn(403, 405);
		assertThat(server.asReader().urlEncodingEnabled(false).get("/Patient/" + ola.patientId() + "/$everything").statusCode())
				.isIn(400, 403, 404, 405);
		assertThat(server.asReader().urlEncodingEnabled(false).get("/DocumentReference/$meta").statusCode()).isIn(403, 405);
	}

	@Test
	void readerPostingTransactionIsForbidden() {
		String bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json();
		assertForbidden(server.asReader().contentType("application/fhir+json").body(bundle).post());
	}

	@Test
	void readerPostingBatchIsForbidden() {
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("DocumentReference?patient=" + kari.patientId());
		Response response = server.asReader().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(batch)).post();
		assertThat(response.statusCode()).isIn(403, 405);
	}
}
