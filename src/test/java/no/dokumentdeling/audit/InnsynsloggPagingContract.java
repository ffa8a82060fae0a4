package no.dokumentdeling.audit;

import static no.dokumentdeling.audit.AuditRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Rule "the innsynslogg is paged": {@code _count} entries a page, newest first, a {@code next} link while there is
 * more, and following the links gives every entry exactly once. H2 and PostgreSQL via subclasses.
 */
abstract class InnsynsloggPagingContract {

	protected abstract TestServer server();

	@Test
	void innsynsloggPagesNewestFirstWithNextLinks() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		for (int i = 0; i < 5; i++) {
			server().asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
			if (i == 2) {
				// The citizen's own read is left out of the log; the pages must still be full.
				server().asCitizen(published.fnr()).get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
			}
		}

		List<String> ids = new ArrayList<>();
		List<Instant> recorded = new ArrayList<>();
		List<Integer> pageSizes = new ArrayList<>();
		String url = server().baseUrl() + "/$innsynslogg?_count=2";
		while (url != null) {
			Response page = server().asCitizen(published.fnr()).urlEncodingEnabled(false).get(url);
			assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
			JsonPath json = page.jsonPath();
			assertThat(json.getString("type")).isEqualTo("searchset");
			List<String> pageIds = json.getList("entry.resource.id");
			pageSizes.add(pageIds == null ? 0 : pageIds.size());
			if (pageIds != null) {
				ids.addAll(pageIds);
				json.<String>getList("entry.resource.recorded").forEach(r -> recorded.add(Instant.parse(r)));
			}
			url = json.getString("link.find { it.relation == 'next' }.url");
			assertThat(pageSizes).as("a bounded number of pages").hasSizeLessThanOrEqualTo(4);
		}

		assertThat(pageSizes.subList(0, 3)).containsExactly(2, 2, 1);
		assertThat(ids).as("each of the GP's five searches once").hasSize(5).doesNotHaveDuplicates();
		assertThat(recorded).as("newest first").isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void auditorPagesTheInnsynsloggOfAnyPatient() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		for (int i = 0; i < 3; i++) {
			server().asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
		}

		JsonPath first = server().with(TestIssuer.dpop().auditor()).urlEncodingEnabled(false)
				.get("/$innsynslogg?_count=2&patient.identifier=" + published.fnr()).then().statusCode(200).extract().jsonPath();
		assertThat(first.getList("entry")).hasSize(2);
		String next = first.getString("link.find { it.relation == 'next' }.url");
		assertThat(next).contains("patient.identifier=").contains("_count=2");

		JsonPath second = server().with(TestIssuer.dpop().auditor()).urlEncodingEnabled(false).get(next)
				.then().statusCode(200).extract().jsonPath();
		assertThat(second.getList("entry")).hasSize(1);
		assertThat(second.getString("link.find { it.relation == 'next' }.url")).isNull();
	}

	@Test
	void innsynsloggRefusesABadPageSize() {
		String fnr = SyntheticFodselsnummer.next();
		Response refused = server().asCitizen(fnr).urlEncodingEnabled(false).get("/$innsynslogg?_count=0");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.asString()).contains("OperationOutcome");
	}
}
