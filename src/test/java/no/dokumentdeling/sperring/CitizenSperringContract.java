package no.dokumentdeling.sperring;

import static no.dokumentdeling.testsupport.DocumentSearches.byPatient;
import static no.dokumentdeling.testsupport.DocumentSearches.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import no.dokumentdeling.access.DocumentPolicy;
import no.dokumentdeling.norway.IdentifierSystems;
import static no.dokumentdeling.testsupport.SperringConsents.blockDocuments;
import static no.dokumentdeling.testsupport.SperringConsents.blockPerson;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SperringConsents;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.junit.jupiter.api.Test;

/**
 * A citizen's sperring through the API: blocking one of their documents (it then carries NORS) and blocking a named
 * health person from all their documents, both as Consents the citizen creates and withdraws.
 */
abstract class CitizenSperringContract {

	/** Distinct from the default test GP's, so blocks made here touch no other test. */
	private static final String BLOCKED_HPR = "9144900";
	private static final String OTHER_HPR = "9144901";

	protected abstract TestServer server();

	@Test
	void ruleSperring_citizenBlocksDocumentGpNoLongerSeesItAndSeesItAgainWhenUnblocked() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise());
		String blocked = published.documentIds().get(0);

		String consent = create(fnr, blockDocuments(blocked));

		Response search = search(server().asReader(), fnr);
		assertThat(ids(search)).containsExactly(published.documentIds().get(1));
		assertThat(search.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("1");
		server().asReader().get("/DocumentReference/" + blocked).then().statusCode(404);
		server().asReader().accept("application/pdf").get("/Binary/" + published.binaryIds().get(0)).then().statusCode(404);
		assertThat(ids(search(server().asCitizen(fnr), fnr))).as("sperring hides from health personnel, not from the citizen")
				.containsExactlyInAnyOrderElementsOf(published.documentIds());

		server().asCitizen(fnr).delete("/" + consent).then().statusCode(200);

		Response after = search(server().asReader(), fnr);
		assertThat(ids(after)).containsExactlyInAnyOrderElementsOf(published.documentIds());
		assertThat(after.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("0");
		server().asReader().accept("application/pdf").get("/Binary/" + published.binaryIds().get(0)).then().statusCode(200);
	}

	@Test
	void ruleSperring_updatingTheConsentToInactiveUnblocks() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		String document = published.documentIds().get(0);
		String consent = create(fnr, blockDocuments(document));
		assertThat(ids(search(server().asReader(), fnr))).isEmpty();

		Consent withdrawn = blockDocuments(document).setStatus(ConsentState.INACTIVE);
		withdrawn.setId(consent);
		server().asCitizen(fnr).contentType("application/fhir+json").body(json(withdrawn)).put("/" + consent)
				.then().statusCode(200);

		assertThat(ids(search(server().asReader(), fnr))).containsExactly(document);
	}

	@Test
	void ruleSperring_aDocumentStaysBlockedWhileAnotherActiveConsentBlocksIt() {
		String fnr = SyntheticFodselsnummer.next();
		String document = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		String first = create(fnr, blockDocuments(document));
		create(fnr, blockDocuments(document));

		server().asCitizen(fnr).delete("/" + first).then().statusCode(200);

		assertThat(ids(search(server().asReader(), fnr))).isEmpty();
	}

	@Test
	void ruleSperring_aReplacementOfABlockedDocumentIsBlockedUntilTheBlockIsWithdrawn() {
		String fnr = SyntheticFodselsnummer.next();
		String original = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		String consent = create(fnr, blockDocuments(original));

		String replacement = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise().replacing(original)).documentIds().get(0);

		Response search = search(server().asReader(), fnr);
		assertThat(ids(search)).isEmpty();
		assertThat(search.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("2");
		server().asReader().get("/DocumentReference/" + replacement).then().statusCode(404);

		server().asCitizen(fnr).delete("/" + consent).then().statusCode(200);

		assertThat(ids(search(server().asReader(), fnr))).containsExactlyInAnyOrder(original, replacement);
	}

	@Test
	void ruleSperring_emergencyAccessRevealsADocumentTheCitizenBlocked() {
		String fnr = SyntheticFodselsnummer.next();
		String document = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		create(fnr, blockDocuments(document));

		RequestSpecification emergency = server().with(TestIssuer.dpop().gp()
				.claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT")))).header("nhn-access-basis", "akutt");
		assertThat(ids(search(emergency, fnr))).containsExactly(document);
	}

	@Test
	void ruleNamedPersonBlock_blockedPersonSeesNothingEvenUnderEmergencyAccessOthersStillDo() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		String document = published.documentIds().get(0);
		String consent = create(fnr, blockPerson(BLOCKED_HPR));

		RequestSpecification blocked = server().with(gp(BLOCKED_HPR));
		RequestSpecification blockedInEmergency = server().with(gp(BLOCKED_HPR)
				.claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT")))).header("nhn-access-basis", "akutt");
		assertThat(ids(search(blocked, fnr))).isEmpty();
		assertThat(ids(search(blockedInEmergency, fnr))).isEmpty();
		server().with(gp(BLOCKED_HPR)).get("/DocumentReference/" + document).then().statusCode(404);
		server().with(gp(BLOCKED_HPR)).accept("application/pdf").get("/Binary/" + published.binaryIds().get(0)).then().statusCode(404);
		server().with(gp(BLOCKED_HPR)).get("/List?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr)
				.then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(0));
		assertThat(ids(search(server().with(gp(OTHER_HPR)), fnr))).containsExactly(document);

		server().asCitizen(fnr).delete("/" + consent).then().statusCode(200);

		assertThat(ids(search(server().with(gp(BLOCKED_HPR)), fnr))).containsExactly(document);
	}

	@Test
	void ruleNamedPersonBlock_holdsForDocumentsPublishedAfterTheBlock() {
		String fnr = SyntheticFodselsnummer.next();
		create(fnr, blockPerson(BLOCKED_HPR));

		String document = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);

		assertThat(ids(search(server().with(gp(BLOCKED_HPR)), fnr))).isEmpty();
		assertThat(ids(search(server().with(gp(OTHER_HPR)), fnr))).containsExactly(document);
	}

	@Test
	void ruleConsent_aCitizenCannotBlockAnotherPatientsDocument() {
		String owner = SyntheticFodselsnummer.next();
		String other = SyntheticFodselsnummer.next();
		String document = publish(ProvideBundleBuilder.forPatient(owner).withEpikrise()).documentIds().get(0);

		server().asCitizen(other).contentType("application/fhir+json").body(json(blockDocuments(document))).post("/Consent")
				.then().statusCode(422).body("issue[0].diagnostics", containsString("not one of your documents"));
		Consent aboutSomeoneElse = blockPerson(BLOCKED_HPR);
		aboutSomeoneElse.getPatient().getIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(owner);
		server().asCitizen(other).contentType("application/fhir+json").body(json(aboutSomeoneElse)).post("/Consent")
				.then().statusCode(403);

		assertThat(ids(search(server().asReader(), owner))).containsExactly(document);
	}

	@Test
	void ruleConsent_onlyTheCitizenReadsSearchesAndWithdrawsTheirConsents() {
		String fnr = SyntheticFodselsnummer.next();
		String document = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		String consent = create(fnr, blockDocuments(document));
		String stranger = SyntheticFodselsnummer.next();

		server().asCitizen(fnr).get("/" + consent).then().statusCode(200).body("patient.identifier.value", org.hamcrest.Matchers.equalTo(fnr));
		server().asCitizen(fnr).get("/Consent?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr)
				.then().statusCode(200).body("entry.resource.id", org.hamcrest.Matchers.hasItem(consent.split("/")[1]));
		server().asCitizen(stranger).get("/" + consent).then().statusCode(403);
		server().asCitizen(stranger).delete("/" + consent).then().statusCode(403);
		server().asCitizen(stranger).get("/Consent?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr).then().statusCode(403);
		server().asReader().get("/" + consent).then().statusCode(403);
		server().asReader().contentType("application/fhir+json").body(json(blockDocuments(document))).post("/Consent").then().statusCode(403);
		server().asSource().contentType("application/fhir+json").body(json(blockDocuments(document))).post("/Consent").then().statusCode(403);

		assertThat(ids(search(server().asReader(), fnr))).as("the block holds after the refused withdrawal").isEmpty();
	}

	@Test
	void ruleConsent_aConsentThisServerWouldNotEnforceAsWrittenIsRefused() {
		String fnr = SyntheticFodselsnummer.next();
		String document = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		List<Consent> refused = new ArrayList<>();
		refused.add(blockDocuments(document).setStatus(ConsentState.DRAFT));
		Consent permit = blockDocuments(document);
		permit.getProvision().setType(ConsentProvisionType.PERMIT);
		refused.add(permit);
		Consent both = blockDocuments(document);
		both.getProvision().addActor().getReference().getIdentifier().setSystem(IdentifierSystems.HPR_NUMMER).setValue(BLOCKED_HPR);
		refused.add(both);
		Consent notHpr = blockPerson(BLOCKED_HPR);
		notHpr.getProvision().getActorFirstRep().getReference().getIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER);
		refused.add(notHpr);
		Consent timeLimited = blockDocuments(document);
		timeLimited.getProvision().getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2030-01-01"));
		refused.add(timeLimited);
		Consent noProvision = blockDocuments(document);
		noProvision.setProvision(null);
		refused.add(noProvision);

		for (Consent consent : refused) {
			server().asCitizen(fnr).contentType("application/fhir+json").body(json(consent)).post("/Consent")
					.then().statusCode(422)
					.body("resourceType", org.hamcrest.Matchers.equalTo("OperationOutcome"))
					.body("issue[0].diagnostics", containsString("[sperring-consent]"));
		}
		assertThat(ids(search(server().asReader(), fnr))).containsExactly(document);
	}

	@Test
	void ruleAudit_blockingAndUnblockingAreAuditedAndStayOutOfTheInnsynslogg() {
		String fnr = SyntheticFodselsnummer.next();
		String consent = create(fnr, blockPerson(BLOCKED_HPR));
		server().asCitizen(fnr).delete("/" + consent).then().statusCode(200);

		JsonPath audit = server().with(TestIssuer.dpop().auditor())
				.get("/AuditEvent?agent-identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr + "&_sort=date")
				.then().statusCode(200).extract().jsonPath();
		assertThat(audit.getList("entry.resource.subtype.code.flatten()", String.class)).containsExactly("create", "delete");
		assertThat(audit.getList("entry.resource.action", String.class)).containsExactly("C", "D");
		assertThat(audit.getList("entry.resource.outcome", String.class)).containsOnly("0");
		assertThat(audit.getString("entry[0].resource.entity.what.reference.flatten()")).contains(consent);
		assertThat(audit.getString("entry[1].resource.entity.what.identifier.value.flatten()")).contains(consent);
		server().asCitizen(fnr).urlEncodingEnabled(false).get("/$innsynslogg").then().statusCode(200)
				.body("entry", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.nullValue(), org.hamcrest.Matchers.empty()));
	}

	// ---- helpers -------------------------------------------------------------------------------------------


	private static TestIssuer.Token gp(String hprNumber) {
		return TestIssuer.dpop().gp().claim("helseid://claims/hpr/hpr_number", hprNumber);
	}

	private static String json(Consent consent) {
		return ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(consent);
	}

	/** Creates the Consent as the citizen; returns {@code Consent/<id>}. */
	private String create(String fnr, Consent consent) {
		return SperringConsents.create(server(), fnr, consent);
	}

	private Published publish(ProvideBundleBuilder bundle) {
		return Published.by(server(), bundle);
	}

	private static Response search(RequestSpecification as, String fnr) {
		return byPatient(as, fnr, "&_count=100");
	}

}
