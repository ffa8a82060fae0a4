package no.dokumentdeling.mhd.find;

import static no.dokumentdeling.mhd.find.SearchRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import ca.uhn.fhir.interceptor.api.IAnonymousInterceptor;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ITI-67 Find Document References over HTTP: every MHD parameter finds what it should and a non-matching value
 * finds nothing, via GET and POST {@code _search}, in JSON and XML. Runs on H2 and PostgreSQL through subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FindDocumentReferencesContract {

	static final String FNR = "urn:oid:2.16.578.1.12.4.1.4.1";
	static final String V9602 = ProvideBundleBuilder.VOLVEN_9602;
	static final String V9603 = ProvideBundleBuilder.VOLVEN_9603;
	static final String P = "patient=Patient/{patient}";

	protected abstract TestServer server();

	private PublishedDocuments fixture;

	@BeforeAll
	void publish() {
		fixture = new PublishedDocuments(server());
	}

	static Stream<SearchRow> rows() {
		return Stream.of(
				row("patient", P, "old,pdf,text,xml", "patient=Patient/{other}"),
				row("patient.identifier system|value", "patient.identifier=" + FNR + "|{fnr}", "old,pdf,text,xml",
						"patient.identifier=" + FNR + "|{otherFnr}"),
				row("patient.identifier bare fødselsnummer", "patient.identifier={fnr}", "old,pdf,text,xml",
						"patient.identifier={otherFnr}"),
				row("status", P + "&status=current", "pdf,text,xml", P + "&status=entered-in-error"),
				row("status superseded", P + "&status=superseded", "old", P + "&status=current,entered-in-error"),
				row("author.given contained", P + "&author.given=Kari", "pdf", P + "&author.given=Ingrid"),
				row("author.family contained", P + "&author.family=Nordmann", "pdf", P + "&author.family=Hansen"),
				row("author.given referenced", P + "&author.given=Per", "text", P + "&author.given=Ole"),
				row("author.family referenced", P + "&author.family=Pasientsen", "text", P + "&author.family=Olsen"),
				row("category", P + "&category=" + V9602 + "|E00-1", "text", P + "&category=" + V9602 + "|C00-1"),
				row("type", P + "&type=" + V9602 + "|A13-2", "xml", P + "&type=" + V9602 + "|A04-2"),
				row("creation ge/lt", P + "&creation=ge2024-01-01&creation=lt2024-02-01", "pdf",
						P + "&creation=lt2020-01-01"),
				row("creation gt/le", P + "&creation=gt2024-04-01&creation=le2024-12-31", "xml",
						P + "&creation=gt2030-01-01"),
				row("date", P + "&date=2024-03", "text", P + "&date=2022"),
				row("event", P + "&event=" + PublishedDocuments.EVENT, "pdf", P + "&event=urn:oid:2.16.578.1.12.4.1.1.7240|ev-2"),
				row("facility", P + "&facility=" + PublishedDocuments.FACILITY, "pdf",
						P + "&facility=urn:oid:2.16.578.1.12.4.1.1.8655|fac-2"),
				row("format", P + "&format=" + PublishedDocuments.FORMAT, "pdf",
						P + "&format=urn:oid:1.3.6.1.4.1.19376.1.2.3|urn:ihe:iti:xds:2017:other"),
				row("identifier (masterIdentifier)", P + "&identifier={identifier:text}", "text",
						P + "&identifier=urn:oid:1.2.3.4.5.6"),
				row("identifier (identifier)", P + "&identifier={identifier:pdf}", "pdf",
						P + "&identifier=urn:uuid:00000000-0000-0000-0000-000000000000"),
				row("period", P + "&period=2024-01", "pdf", P + "&period=2022"),
				row("related", P + "&related=DocumentReference/{pdf}", "text", P + "&related=DocumentReference/{xml}"),
				row("related:identifier context.related", P + "&related:identifier=" + PublishedDocuments.REFERRAL, "text",
						P + "&related:identifier=urn:oid:2.16.578.1.12.4.1.2.100.1|henvisning-2"),
				row("related:identifier relatesTo.target", P + "&related:identifier=urn:ietf:rfc:3986|{identifier:old}", "xml",
						P + "&related:identifier=urn:ietf:rfc:3986|{identifier:text}"),
				row("security-label", P + "&security-label=" + V9603 + "|N", "old,pdf,text,xml",
						P + "&security-label=" + V9603 + "|NORS"),
				row("setting", P + "&setting=" + PublishedDocuments.SETTING, "pdf",
						P + "&setting=urn:oid:2.16.578.1.12.4.1.1.8451|set-2"),
				row("_id", P + "&_id={text}", "text", P + "&_id={ss1}"),
				row("_lastUpdated", P + "&_lastUpdated=ge{since}", "old,pdf,text,xml", P + "&_lastUpdated=lt2000-01-01"));
	}

	static Stream<Arguments> rowsAndVariants() {
		return rows().flatMap(row -> Stream.of(SearchVariant.values()).map(v -> Arguments.of(row, v)));
	}

	@ParameterizedTest(name = "{0} finds its documents ({1})")
	@MethodSource("rowsAndVariants")
	void parameterFindsExpectedDocuments(SearchRow row, SearchVariant variant) {
		Bundle found = variant.search(server(), "DocumentReference", SearchRow.resolve(row.match(), fixture));

		assertThat(SearchVariant.ids(found)).containsExactlyInAnyOrderElementsOf(expectedIds(row));
	}

	@ParameterizedTest(name = "{0} with another value excludes them ({1})")
	@MethodSource("rowsAndVariants")
	void nonMatchingValueExcludesDocuments(SearchRow row, SearchVariant variant) {
		Bundle found = variant.search(server(), "DocumentReference", SearchRow.resolve(row.exclude(), fixture));

		assertThat(SearchVariant.ids(found)).doesNotContainAnyElementsOf(expectedIds(row));
	}

	@ParameterizedTest
	@EnumSource(SearchVariant.class)
	void searchWithoutPatientIsRefused(SearchVariant variant) {
		Response response = variant.send(server(), "DocumentReference", "status=current&type=" + V9602 + "|A03-2");

		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.asString()).contains("OperationOutcome").contains("patient");
	}

	@ParameterizedTest
	@EnumSource(SearchVariant.class)
	void unknownPatientIdentifierGivesEmptySearchset(SearchVariant variant) {
		Bundle found = variant.search(server(), "DocumentReference",
				"patient.identifier=" + FNR + "|" + SyntheticFodselsnummer.next() + "&status=current");

		assertThat(SearchVariant.ids(found)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(value = SearchVariant.class, names = {"GET_JSON", "POST_XML"})
	void patientIdentifierReachesStorageAsTheResolvedPatientNotAsAChain(SearchVariant variant) {
		List<SearchParameterMap> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		IInterceptorService interceptors = server().bean(IInterceptorService.class);
		// Patient lookups and document searches only: access checks search other types (e.g. Consent) on the way.
		IAnonymousInterceptor capture = (pointcut, params) -> {
			String type = params.get(ca.uhn.fhir.rest.server.util.ICachedSearchDetails.class).getResourceType();
			if ("Patient".equals(type) || "DocumentReference".equals(type)) {
				seen.add(params.get(SearchParameterMap.class));
			}
		};
		interceptors.registerAnonymousInterceptor(Pointcut.STORAGE_PRESEARCH_REGISTERED, capture);
		List<SearchParameterMap> again;
		try {
			variant.search(server(), "DocumentReference", SearchRow.resolve("patient.identifier={fnr}&status=current", fixture));
			int first = seen.size();
			variant.search(server(), "DocumentReference", SearchRow.resolve("patient.identifier={fnr}&status=current", fixture));
			again = List.copyOf(seen.subList(first, seen.size()));
		} finally {
			interceptors.unregisterInterceptor(capture);
		}

		// At most one indexed lookup of the patient by identifier (none once the mapping is remembered: the second
		// search has none), then the document search by patient reference only.
		assertThat(seen).filteredOn(m -> m.containsKey("identifier")).hasSizeLessThanOrEqualTo(1);
		assertThat(again).as("the second search's patient lookups").filteredOn(m -> m.containsKey("identifier")).isEmpty();
		List<SearchParameterMap> documentSearches = seen.stream().filter(m -> !m.containsKey("identifier")).toList();
		assertThat(documentSearches).isNotEmpty().allSatisfy(m -> {
			// The access policy narrows the search further (category, security labels); the patient stays a plain reference.
			assertThat(m.keySet()).contains("patient", "status");
			ReferenceParam patient = (ReferenceParam) m.get("patient").get(0).get(0);
			assertThat(patient.getChain()).isNull();
			assertThat(patient.getValue()).isEqualTo("Patient/" + fixture.id("patient"));
		});
	}

	@Test
	void sortByDateDescending() {
		Bundle found = SearchVariant.GET_JSON.search(server(), "DocumentReference",
				SearchRow.resolve(P + "&_sort=-date", fixture));

		assertThat(SearchVariant.ids(found)).containsExactlyElementsOf(ids("xml", "text", "pdf", "old"));
	}

	@ParameterizedTest
	@EnumSource(SearchVariant.class)
	void pagingLinksWalkThroughAllResults(SearchVariant variant) {
		Bundle page = variant.search(server(), "DocumentReference",
				SearchRow.resolve("patient.identifier={fnr}&_sort=-date&_count=1", fixture));
		List<String> seen = new ArrayList<>(SearchVariant.ids(page));
		while (page.getLink("next") != null) {
			String next = page.getLink("next").getUrl();
			assertThat(next).startsWith(server().baseUrl());
			String accept = variant.name().endsWith("JSON") ? "application/fhir+json" : "application/fhir+xml";
			String body = server().asReader().accept(accept).get(next).then().statusCode(200).extract().asString();
			var parser = accept.endsWith("json") ? ProvideBundleBuilder.FHIR.newJsonParser() : ProvideBundleBuilder.FHIR.newXmlParser();
			page = parser.parseResource(Bundle.class, body);
			assertThat(SearchVariant.ids(page)).hasSize(1);
			seen.addAll(SearchVariant.ids(page));
		}
		assertThat(seen).containsExactlyElementsOf(ids("xml", "text", "pdf", "old"));
	}

	@ParameterizedTest
	@EnumSource(SearchVariant.class)
	void attachmentUrlsAreAbsoluteAndRetrieveTheDocument(SearchVariant variant) {
		Bundle found = variant.search(server(), "DocumentReference", SearchRow.resolve(P + "&status=current", fixture));

		assertThat(found.getEntry()).hasSize(3);
		for (var entry : found.getEntry()) {
			String url = ((DocumentReference) entry.getResource()).getContentFirstRep().getAttachment().getUrl();
			assertThat(url).startsWith(server().baseUrl() + "/Binary/");
			assertThat(server().asReader().get(url).then().statusCode(200).extract().asByteArray()).isNotEmpty();
		}
	}

	@Test
	void readOfOneDocumentReferenceAlsoHasAnAbsoluteUrl() {
		String url = server().asReader().get("/DocumentReference/" + fixture.id("pdf")).then().statusCode(200)
				.extract().jsonPath().getString("content[0].attachment.url");

		assertThat(url).isEqualTo(server().baseUrl() + "/Binary/" + fixture.id("pdf-binary"));
	}

	private List<String> expectedIds(SearchRow row) {
		return ids(row.expected().toArray(String[]::new));
	}

	private List<String> ids(String... names) {
		return Stream.of(names).map(fixture::id).toList();
	}
}
