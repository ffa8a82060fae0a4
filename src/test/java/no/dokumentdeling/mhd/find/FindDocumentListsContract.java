package no.dokumentdeling.mhd.find;

import static no.dokumentdeling.mhd.find.SearchRow.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.stream.Stream;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ITI-66 Find Document Lists over HTTP: every MHD parameter finds the expected SubmissionSets and a non-matching
 * value finds none of them, via GET and POST {@code _search}, in JSON and XML. H2 and PostgreSQL via subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FindDocumentListsContract {

	static final String FNR = "urn:oid:2.16.578.1.12.4.1.4.1";
	static final String LIST_TYPES = "https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes";
	static final String P = "patient=Patient/{patient}";

	protected abstract TestServer server();

	private PublishedDocuments fixture;

	@BeforeAll
	void publish() {
		fixture = new PublishedDocuments(server());
	}

	static Stream<SearchRow> rows() {
		return Stream.of(
				row("patient", P, "ss1,ss2", "patient=Patient/{other}"),
				row("patient.identifier system|value", "patient.identifier=" + FNR + "|{fnr}", "ss1,ss2",
						"patient.identifier=" + FNR + "|{otherFnr}"),
				row("patient.identifier bare fødselsnummer", "patient.identifier={fnr}", "ss1,ss2",
						"patient.identifier={otherFnr}"),
				row("code", P + "&code=" + LIST_TYPES + "|submissionset", "ss1,ss2", P + "&code=" + LIST_TYPES + "|folder"),
				row("date", P + "&date=2024-05-02", "ss2", P + "&date=2022"),
				row("designationType", P + "&designationType=" + PublishedDocuments.DESIGNATION, "ss2",
						P + "&designationType=http://snomed.info/sct|1"),
				row("identifier", P + "&identifier={identifier:ss1}", "ss1",
						P + "&identifier=urn:uuid:00000000-0000-0000-0000-000000000000"),
				row("source.given contained", P + "&source.given=Lise", "ss2", P + "&source.given=Kari"),
				row("source.family contained", P + "&source.family=Kilde", "ss2", P + "&source.family=Hansen"),
				row("source.given referenced", P + "&source.given=Per", "ss1", P + "&source.given=Ole"),
				row("source.family referenced", P + "&source.family=Pasientsen", "ss1", P + "&source.family=Olsen"),
				row("sourceId", P + "&sourceId=urn:ietf:rfc:3986|" + PublishedDocuments.SOURCE_ID_2, "ss2",
						P + "&sourceId=urn:ietf:rfc:3986|urn:oid:9.9.9"),
				row("status", P + "&status=current", "ss1,ss2", P + "&status=retired"),
				row("_id", P + "&_id={ss2}", "ss2", P + "&_id={pdf}"),
				row("_lastUpdated", P + "&_lastUpdated=ge{since}", "ss1,ss2", P + "&_lastUpdated=lt2000-01-01"));
	}

	static Stream<Arguments> rowsAndVariants() {
		return rows().flatMap(row -> Stream.of(SearchVariant.values()).map(v -> Arguments.of(row, v)));
	}

	@ParameterizedTest(name = "{0} finds its lists ({1})")
	@MethodSource("rowsAndVariants")
	void parameterFindsExpectedLists(SearchRow row, SearchVariant variant) {
		Bundle found = variant.search(server(), "List", SearchRow.resolve(row.match(), fixture));

		assertThat(SearchVariant.ids(found)).containsExactlyInAnyOrderElementsOf(
				row.expected().stream().map(fixture::id).toList());
	}

	@ParameterizedTest(name = "{0} with another value excludes them ({1})")
	@MethodSource("rowsAndVariants")
	void nonMatchingValueExcludesLists(SearchRow row, SearchVariant variant) {
		Bundle found = variant.search(server(), "List", SearchRow.resolve(row.exclude(), fixture));

		assertThat(SearchVariant.ids(found)).doesNotContainAnyElementsOf(row.expected().stream().map(fixture::id).toList());
	}

	@ParameterizedTest
	@EnumSource(SearchVariant.class)
	void searchWithoutPatientIsRefused(SearchVariant variant) {
		Response response = variant.send(server(), "List", "code=" + LIST_TYPES + "|submissionset&status=current");

		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.asString()).contains("OperationOutcome").contains("patient");
	}

	@ParameterizedTest
	@EnumSource(SearchVariant.class)
	void unknownPatientIdentifierGivesEmptySearchset(SearchVariant variant) {
		Bundle found = variant.search(server(), "List", "patient.identifier=" + SyntheticFodselsnummer.next());

		assertThat(SearchVariant.ids(found)).isEmpty();
	}
}
