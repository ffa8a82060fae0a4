package no.dokumentdeling.access;

import static no.dokumentdeling.testsupport.DocumentSearches.byPatient;
import static no.dokumentdeling.testsupport.DocumentSearches.ids;
import static no.dokumentdeling.testsupport.DocumentSearches.nextLink;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

/**
 * The age windows of the document-type policy: a reader sees a document of a windowed category only while its
 * creation ({@code content.attachment.creation}, else {@code date}) lies within the window; by default radiology
 * (E00-1) for 5 years, and under the Kjernejournal regulation also correspondence (I00-1) for 1 year, while epikriser
 * (A00-1) have no limit. Search applies the window in the database query, so totals and paging count only what is
 * visible; a read of a hidden DocumentReference or of its document (ITI-68) answers as if it did not exist. H2 and
 * PostgreSQL via subclasses.
 */
abstract class AgeWindowContract {

	protected abstract TestServer server();

	@Test
	void ruleAgeWindow_kjernejournalforskriftenHidesSixYearOldRadiology() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr)
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax for seks år siden.".getBytes())
				.created(yearsAgo(6))
				.withEpikrise());

		Response search = byPatient(kjernejournalforskriften(), fnr, "&_total=accurate");
		assertThat(ids(search)).containsExactly(published.documentIds().get(1));
		assertThat(search.jsonPath().getInt("total")).isEqualTo(1);
		assertHidden(this::kjernejournalforskriften, published, 0);
		assertVisible(this::kjernejournalforskriften, published, 1);
	}

	@Test
	void ruleAgeWindow_kjernejournalforskriftenSeesFourYearOldRadiology() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr)
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax for fire år siden.".getBytes())
				.created(yearsAgo(4)));

		assertThat(ids(byPatient(kjernejournalforskriften(), fnr, ""))).containsExactly(published.documentIds().get(0));
		assertVisible(this::kjernejournalforskriften, published, 0);
	}

	@Test
	void ruleAgeWindow_sharedScopeHidesSixYearOldRadiologyButNotSixYearOldEpikrise() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr)
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax for seks år siden.".getBytes())
				.created(yearsAgo(6))
				.withEpikrise().created(yearsAgo(6))
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax for fire år siden.".getBytes())
				.created(yearsAgo(4)));

		Response search = byPatient(server().asReader(), fnr, "&_total=accurate");
		assertThat(ids(search)).containsExactlyInAnyOrder(published.documentIds().get(1), published.documentIds().get(2));
		assertThat(search.jsonPath().getInt("total")).isEqualTo(2);
		assertHidden(server()::asReader, published, 0);
		assertVisible(server()::asReader, published, 1);
		assertVisible(server()::asReader, published, 2);
	}

	@Test
	void ruleAgeWindow_epikriseIsSeenWhateverItsAge() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise().created(yearsAgo(30)));

		assertThat(ids(byPatient(server().asReader(), fnr, ""))).containsExactly(published.documentIds().get(0));
		assertThat(ids(byPatient(kjernejournalforskriften(), fnr, ""))).containsExactly(published.documentIds().get(0));
		assertVisible(this::kjernejournalforskriften, published, 0);
	}

	@Test
	void ruleAgeWindow_kjernejournalforskriftenSeesCorrespondenceForOneYear() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr)
				.withDocument("I00-1", "I01-2", "text/plain", "Henvisning for to år siden.".getBytes())
				.created(yearsAgo(2))
				.withDocument("I00-1", "I01-2", "text/plain", "Henvisning for et halvt år siden.".getBytes())
				.created(Date.from(ZonedDateTime.now(NORWAY).minusMonths(6).toInstant()))
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax for to år siden.".getBytes())
				.created(yearsAgo(2)));

		assertThat(ids(byPatient(kjernejournalforskriften(), fnr, "")))
				.containsExactlyInAnyOrder(published.documentIds().get(1), published.documentIds().get(2));
		assertHidden(this::kjernejournalforskriften, published, 0);
		assertThat(ids(byPatient(server().asReader(), fnr, ""))).containsExactly(published.documentIds().get(2));
	}

	@Test
	void ruleAgeWindow_documentWithoutCreationIsAgedByItsDate() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(ProvideBundleBuilder.forPatient(fnr)
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen uten creation, datert for seks år siden.".getBytes())
				.created(null).dated(yearsAgo(6))
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen uten creation, datert i dag.".getBytes())
				.created(null));

		assertThat(ids(byPatient(server().asReader(), fnr, ""))).containsExactly(published.documentIds().get(1));
		assertHidden(server()::asReader, published, 0);
		assertVisible(server()::asReader, published, 1);
	}

	@Test
	void ruleAgeWindow_documentDatedOnlyToTheDayIsSeenThroughoutTheDayTheWindowBegins() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen datert til dagen for fem år siden.".getBytes())
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen datert til dagen før.".getBytes());
		LocalDate windowBegins = LocalDate.now(NORWAY).minusYears(5);
		bundle.document(0).getContentFirstRep().getAttachment().setCreationElement(new DateTimeType(windowBegins.toString()));
		bundle.document(1).getContentFirstRep().getAttachment()
				.setCreationElement(new DateTimeType(windowBegins.minusDays(2).toString()));
		Published published = publish(bundle);

		assertThat(ids(byPatient(server().asReader(), fnr, ""))).containsExactly(published.documentIds().get(0));
		assertVisible(server()::asReader, published, 0);
		assertHidden(server()::asReader, published, 1);
	}

	@Test
	void ruleAgeWindow_pagingAndTotalsCountOnlyDocumentsInsideTheWindow() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr);
		for (int i = 0; i < 5; i++) {
			bundle.withDocument("E00-1", "E01-2", "text/plain", ("Gammel røntgen " + i).getBytes()).created(yearsAgo(6 + i));
			bundle.withDocument("E00-1", "E01-2", "text/plain", ("Ny røntgen " + i).getBytes()).created(yearsAgo(i));
		}
		bundle.withEpikrise().created(yearsAgo(10));
		Published published = publish(bundle);
		Set<String> visible = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			visible.add(published.documentIds().get(2 * i + 1));
		}
		visible.add(published.documentIds().get(10));

		JsonPath page = byPatient(server().asReader(), fnr, "&_count=4&_total=accurate&_sort=-date").jsonPath();
		assertThat(page.getInt("total")).isEqualTo(6);
		List<String> seen = new ArrayList<>();
		int pages = 0;
		while (page != null) {
			pages++;
			seen.addAll(page.getList("entry.resource.id", String.class));
			String next = nextLink(page);
			page = next == null ? null : server().asReader().get(next).then().statusCode(200).extract().jsonPath();
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(visible);
		assertThat(pages).isEqualTo(2);
	}

	@Test
	void ruleAgeWindow_norsCountLeavesOutWhatTheWindowHides() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("E00-1", "E01-2", "text/plain", "Sperret røntgen for seks år siden.".getBytes())
				.created(yearsAgo(6))
				.withDocument("E00-1", "E01-2", "text/plain", "Sperret røntgen for to år siden.".getBytes())
				.created(yearsAgo(2));
		bundle.document(0).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		publish(bundle);

		Response search = byPatient(server().asReader(), fnr, "");
		assertThat(ids(search)).isEmpty();
		assertThat(search.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("1");
	}

	@Test
	void ruleAgeWindow_clientsCannotNameTheInternalWindowParameters() {
		String fnr = SyntheticFodselsnummer.next();
		publish(ProvideBundleBuilder.forPatient(fnr).withEpikrise());

		server().asReader().get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr
				+ "&" + AgeWindowSearchParameters.code("E00-1") + "=ge1900-01-01").then().statusCode(400);
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private static final ZoneId NORWAY = ZoneId.of("Europe/Oslo");


	private static Date yearsAgo(int years) {
		return Date.from(ZonedDateTime.now(NORWAY).minusYears(years).toInstant());
	}

	private RequestSpecification kjernejournalforskriften() {
		return server().with(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT,
				TestIssuer.KJERNEJOURNALFORSKRIFTEN)).header("nhn-access-basis", "samtykke");
	}

	/** A hidden document answers 404 to a read of its DocumentReference and to ITI-68, raw or as a Binary resource. */
	private static void assertHidden(Supplier<RequestSpecification> as, Published published, int index) {
		as.get().get("/DocumentReference/" + published.documentIds().get(index)).then().statusCode(404);
		as.get().accept("text/plain").get("/Binary/" + published.binaryIds().get(index)).then().statusCode(404);
		as.get().accept("application/fhir+json").get("/Binary/" + published.binaryIds().get(index)).then().statusCode(404);
	}

	private static void assertVisible(Supplier<RequestSpecification> as, Published published, int index) {
		as.get().get("/DocumentReference/" + published.documentIds().get(index)).then().statusCode(200);
		as.get().accept("*/*").get("/Binary/" + published.binaryIds().get(index)).then().statusCode(200);
	}

	private Published publish(ProvideBundleBuilder bundle) {
		return Published.by(server(), bundle);
	}

}
