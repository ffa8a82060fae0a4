package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Built-in SearchParameters no MHD search or rule uses are switched off: a published DocumentReference gets index
 * rows for what is searched (status, type, category) and none for what is not (contenttype, though its attachment
 * has a content type). Runs on H2 and PostgreSQL.
 */
abstract class UnusedSearchParametersContract {

	protected abstract TestServer server();

	@Test
	void ruleUnusedSearchParameters_aPublishedDocumentIsIndexedOnlyForWhatIsSearched() {
		String response = server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json())
				.post().then().statusCode(200).extract().asString();
		String id = response.replaceAll("(?s).*\"location\"\\s*:\\s*\"DocumentReference/([^/\"]+).*", "$1");
		JdbcTemplate jdbc = new JdbcTemplate(server().bean(DataSource.class));
		Long resourceId = jdbc.queryForObject(
				"SELECT RES_ID FROM HFJ_RESOURCE WHERE RES_TYPE = 'DocumentReference' AND FHIR_ID = ?", Long.class, id);

		List<String> indexed = jdbc.queryForList("SELECT DISTINCT SP_NAME FROM HFJ_SPIDX_TOKEN WHERE RES_ID = ?", String.class, resourceId);

		assertThat(indexed).contains("status", "type", "category").doesNotContain("contenttype");
	}
}
