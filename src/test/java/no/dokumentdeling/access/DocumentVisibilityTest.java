package no.dokumentdeling.access;

import static no.dokumentdeling.testsupport.DocumentSearches.byPatient;
import static no.dokumentdeling.testsupport.DocumentSearches.ids;
import static no.dokumentdeling.testsupport.DocumentSearches.nextLink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Who sees what: the document-type policy with its age windows, sperring (NORS) with emergency access, and nekting
 * (NORN_*), applied in the database query so paging and totals stay right.
 */
class DocumentVisibilityTest {

	private static final String VOLVEN_9603 = ProvideBundleBuilder.VOLVEN_9603;

	private final TestServer server = SharedServers.h2();

	@Test
	void ruleDocumentTypePolicy_gpSeesEpikriseAndRadiologyButNotJournalNote() {
		String fnr = SyntheticFodselsnummer.next();
		publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax: normale forhold.".getBytes())
				.withDocument("B00-1", "B01-2", "text/plain", "Journalnotat.".getBytes()));

		assertThat(types(search(server.asReader(), fnr))).containsExactlyInAnyOrder("A03-2", "E01-2");
	}

	@Test
	void ruleDocumentTypePolicy_kjernejournalforskriftenScopeSeesItsOwnList() {
		String fnr = SyntheticFodselsnummer.next();
		publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise()
				.withDocument("B00-1", "B01-2", "text/plain", "Journalnotat.".getBytes()));

		RequestSpecification kjernejournalforskriften = server.with(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES,
				TestIssuer.READ_DOCUMENT, TestIssuer.KJERNEJOURNALFORSKRIFTEN)).header("nhn-access-basis", "samtykke");
		assertThat(types(search(kjernejournalforskriften, fnr))).containsExactly("A03-2");
	}

	@Test
	void ruleAccessBasis_kjernejournalforskriftenReadNeedsNhnAccessBasis() {
		String fnr = SyntheticFodselsnummer.next();
		publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		var token = TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT,
				TestIssuer.KJERNEJOURNALFORSKRIFTEN);
		String query = "/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr;

		server.with(token).get(query).then().statusCode(403);
		server.with(token).header("nhn-access-basis", "tja").get(query).then().statusCode(403);
		server.with(token).header("nhn-access-basis", "unntak").get(query).then().statusCode(200);
	}

	@Test
	void ruleDocumentTypePolicy_sourceMayNotPublishUnsharedType() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withDocument("C00-1", "C01-2", "text/plain", "Laboratoriesvar.".getBytes());

		server.asSource().contentType("application/fhir+json").body(bundle.json()).post()
				.then().statusCode(422).body("issue[0].details.coding.code", hasItem(DocumentTypePublishRule.RULE));
	}

	@Test
	void pagingThroughThirtyDocumentsOfWhichTenAreHiddenReturnsExactlyTheTwentyVisible() {
		String fnr = SyntheticFodselsnummer.next();
		for (int batch = 0; batch < 3; batch++) {
			ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr);
			for (int i = 0; i < 10; i++) {
				if (batch == 1) {
					bundle.withDocument("B00-1", "B01-2", "text/plain", ("Journalnotat " + i).getBytes());
				} else {
					bundle.withDocument("A00-1", "A03-2", "application/pdf", ProvideBundleBuilder.pdf("Epikrise " + batch + i));
				}
			}
			publish(bundle);
		}

		Set<String> seen = new HashSet<>();
		JsonPath page = server.asReader().get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr
				+ "&_count=7&_total=accurate").then().statusCode(200).extract().jsonPath();
		assertThat(page.getInt("total")).isEqualTo(20);
		int pages = 1;
		while (true) {
			List<String> ids = page.getList("entry.resource.id");
			seen.addAll(ids);
			assertThat(page.getList("entry.resource.type.coding.code.flatten()", String.class)).allMatch("A03-2"::equals);
			String next = nextLink(page);
			if (next == null) break;
			page = server.asReader().get(next).then().statusCode(200).extract().jsonPath();
			pages++;
		}
		assertThat(seen).hasSize(20);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void ruleSperring_norsDocumentIsInvisibleToGpAndCounted() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		Published published = publish(bundle);

		Response search = search(server.asReader(), fnr);
		assertThat(search.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("1");
		assertThat(ids(search)).containsExactly(published.documentIds().get(0));
		server.asReader().get("/DocumentReference/" + published.documentIds().get(1)).then().statusCode(404);
		server.asReader().accept("application/pdf").get("/Binary/" + published.binaryIds().get(1)).then().statusCode(404);
		server.asReader().accept("application/pdf").get("/Binary/" + published.binaryIds().get(0)).then().statusCode(200);
	}

	@Test
	void ruleSperring_emergencyAccessRevealsNorsAndIsAuditedAsEmergency() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		bundle.document(0).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		Published published = publish(bundle);

		RequestSpecification emergency = server.with(TestIssuer.dpop().gp().claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT"))))
				.header("nhn-access-basis", "akutt");
		assertThat(ids(search(emergency, fnr))).containsExactly(published.documentIds().get(0));

		JsonPath audit = server.with(TestIssuer.dpop().auditor())
				.get("/AuditEvent?entity=DocumentReference/" + published.documentIds().get(0) + "&subtype=ITI-67")
				.then().statusCode(200).extract().jsonPath();
		assertThat(audit.getList("entry.resource.entity.detail.type").toString()).contains("emergency");
	}

	@Test
	void ruleSperring_akuttWithoutEmergencyPurposeDoesNotRevealNors() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		bundle.document(0).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		publish(bundle);

		assertThat(ids(search(server.asReader().header("nhn-access-basis", "akutt"), fnr))).isEmpty();
	}

	@Test
	void ruleNekting_nornDocumentIsInvisibleToTheCitizenAndVisibleToTheGp() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORN_FFP");
		Published published = publish(bundle);

		assertThat(ids(search(server.asCitizen(fnr), fnr))).containsExactly(published.documentIds().get(0));
		assertThat(ids(search(server.asReader(), fnr))).containsExactlyInAnyOrderElementsOf(published.documentIds());
		server.asCitizen(fnr).get("/DocumentReference/" + published.documentIds().get(1)).then().statusCode(404);
	}

	@Test
	void ruleListEntries_aSubmissionSetShowsEachReaderOnlyTheDocumentsTheyMaySee() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise()
				.withDocument("B00-1", "B01-2", "text/plain", "Journalnotat.".getBytes())
				.withEpikrise().withEpikrise();
		bundle.document(2).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		bundle.document(3).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORN_FFP");
		List<String> documents = publish(bundle).documentIds();
		String lists = "/List?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr + "&code=submissionset";

		JsonPath forGp = server.asReader().get(lists).then().statusCode(200).extract().jsonPath();
		assertThat(forGp.getList("entry[0].resource.entry.item.reference", String.class))
				.containsExactlyInAnyOrder("DocumentReference/" + documents.get(0), "DocumentReference/" + documents.get(3));
		String listId = forGp.getString("entry[0].resource.id");
		assertThat(server.asReader().get("/List/" + listId).then().statusCode(200).extract().jsonPath()
				.getList("entry.item.reference", String.class)).hasSize(2);

		JsonPath forCitizen = server.asCitizen(fnr).get(lists).then().statusCode(200).extract().jsonPath();
		assertThat(forCitizen.getList("entry[0].resource.entry.item.reference", String.class)).containsExactlyInAnyOrder(
				"DocumentReference/" + documents.get(0), "DocumentReference/" + documents.get(1), "DocumentReference/" + documents.get(2));
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private Published publish(ProvideBundleBuilder bundle) {
		return Published.by(server, bundle);
	}

	private static Response search(RequestSpecification as, String fnr) {
		return byPatient(as, fnr, "&_count=100");
	}

	private static List<String> types(Response search) {
		List<String> types = search.jsonPath().getList("entry.resource.type.coding.code.flatten()", String.class);
		return types == null ? List.of() : types;
	}

}
