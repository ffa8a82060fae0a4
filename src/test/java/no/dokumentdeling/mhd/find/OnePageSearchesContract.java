package no.dokumentdeling.mhd.find;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import javax.sql.DataSource;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A one-patient search whose answer fits in its page is answered at once, leaving no stored search (HFJ_SEARCH) and
 * no page owner row; one that needs more pages still pages through a stored search. Runs on H2 and PostgreSQL.
 */
abstract class OnePageSearchesContract {

	protected abstract TestServer server();

	private String fnr;
	private JdbcTemplate jdbc;

	@BeforeEach
	void publishThreeDocuments() {
		fnr = SyntheticFodselsnummer.next();
		server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise().withEpikrise().json())
				.post().then().statusCode(200);
		jdbc = new JdbcTemplate(server().bean(DataSource.class));
	}

	@Test
	void ruleOnePageSearches_aSearchThatFitsItsPageLeavesNoStoredSearch() {
		long searches = storedSearches();
		long owners = owners();

		JsonPath page = DocumentSearches.byPatient(server().asReader(), fnr, "&_count=3").jsonPath();

		assertThat(page.getList("entry")).hasSize(3);
		assertThat(DocumentSearches.nextLink(page)).as("no next page").isNull();
		assertThat(storedSearches()).as("HFJ_SEARCH rows").isEqualTo(searches);
		assertThat(owners()).as("page owner rows").isEqualTo(owners);
	}

	@Test
	void ruleOnePageSearches_aListSearchThatFitsItsPageLeavesNoStoredSearch() {
		long searches = storedSearches();

		JsonPath page = server().asReader().get("/List?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr
				+ "&code=submissionset").then().statusCode(200).extract().jsonPath();

		assertThat(page.getList("entry")).hasSize(1);
		assertThat(storedSearches()).isEqualTo(searches);
	}

	@Test
	void ruleOnePageSearches_aNarrowedSearchThatFitsItsPageLeavesNoStoredSearchThoughThePatientHasMore() {
		long searches = storedSearches();
		String first = DocumentSearches.ids(DocumentSearches.byPatient(server().asReader(), fnr, "&_count=3")).get(0);

		JsonPath page = DocumentSearches.byPatient(server().asReader(), fnr, "&_count=2&_id=" + first).jsonPath();

		assertThat(page.getList("entry")).hasSize(1);
		assertThat(DocumentSearches.nextLink(page)).isNull();
		assertThat(storedSearches()).as("three documents, but one found: no stored search").isEqualTo(searches);
	}

	@Test
	void ruleOnePageSearches_aSearchOfSeveralPagesIsStoredAndPagedForItsCaller() {
		long searches = storedSearches();

		JsonPath first = DocumentSearches.byPatient(server().asReader(), fnr, "&_count=2").jsonPath();
		String next = DocumentSearches.nextLink(first);

		assertThat(first.getList("entry")).hasSize(2);
		assertThat(next).as("a next page").isNotNull();
		assertThat(storedSearches()).isEqualTo(searches + 1);
		JsonPath second = server().asReader().get(next).then().statusCode(200).extract().jsonPath();
		assertThat(second.getList("entry")).hasSize(1);
	}

	private long storedSearches() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_SEARCH", Long.class);
	}

	private long owners() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM dd_search_owner", Long.class);
	}
}
