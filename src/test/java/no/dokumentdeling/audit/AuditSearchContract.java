package no.dokumentdeling.audit;

import static no.dokumentdeling.audit.AuditRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rule "auditors search the audit table by the documented parameters": {@code patient}, {@code entity}, {@code date},
 * {@code type}, {@code subtype}, {@code outcome}, {@code agent-identifier}, {@code address} and {@code nhn-event-id}
 * are answered from our own audit table; a parameter it does not keep is refused rather than answered wrongly. H2 and
 * PostgreSQL via subclasses.
 */
abstract class AuditSearchContract {

	protected abstract TestServer server();

	@Test
	void auditorFindsTheRecordsOfOneRequestByNhnEventId() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		String eventId = UUID.randomUUID().toString();
		server().asReader().header("nhn-event-id", eventId).get("/DocumentReference?patient=" + published.patientId())
				.then().statusCode(200);

		List<JsonPath> found = AuditRecords.search(server(), "nhn-event-id=" + eventId);

		assertThat(found).hasSize(1);
		assertThat(found.get(0).getString("subtype[0].code")).isEqualTo("ITI-67");
		assertThat(found.get(0).getList("entity.what.reference")).contains(published.documentId(), published.patientId());
	}

	@Test
	void auditorSearchesByTheDocumentedParameters() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		server().asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);

		assertThat(AuditRecords.search(server(), "patient=" + published.patientId() + "&subtype=ITI-67&outcome=0&date=ge2020-01-01"
				+ "&agent-identifier=urn:oid:2.16.578.1.12.4.1.4.4|565505933&type=110112")).hasSize(1);
		assertThat(AuditRecords.search(server(), "entity=" + published.documentId() + "&subtype=ITI-65")).hasSize(1);
	}

	/** Rule "an ITI-67's audit record is one row in the audit table, in the request's lifetime". */
	@Test
	void ruleAudit_anIti67RecordIsOneRowOfTheAuditTableStoredBeforeTheAnswer() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		JdbcTemplate jdbc = new JdbcTemplate(server().bean(DataSource.class));
		String eventId = UUID.randomUUID().toString();

		server().asReader().header("nhn-event-id", eventId).get("/DocumentReference?patient=" + published.patientId())
				.then().statusCode(200);

		// Looked up as soon as the answer is in: the record was stored before it left.
		List<String> rows = jdbc.queryForList("SELECT event_id FROM dd_audit_search_key WHERE parameter = 'nhn-event-id'"
				+ " AND key_value = ?", String.class, eventId);
		assertThat(rows).hasSize(1);
		String json = jdbc.queryForObject("SELECT resource_json FROM dd_audit_event WHERE id = ?", String.class, rows.get(0));
		assertThat(JsonPath.from(json).getString("subtype[0].code")).isEqualTo("ITI-67");
		assertThat(JsonPath.from(json).getList("entity.what.reference")).contains(published.documentId());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE = 'AuditEvent'", Long.class))
				.as("HAPI stores no AuditEvent").isZero();

		JsonPath read = server().with(TestIssuer.dpop().auditor()).get("/AuditEvent/" + rows.get(0))
				.then().statusCode(200).extract().jsonPath();
		assertThat(read.getString("id")).isEqualTo(rows.get(0));
		assertThat(read.getString("subtype[0].code")).isEqualTo("ITI-67");
		server().with(TestIssuer.dpop().auditor()).get("/AuditEvent/" + UUID.randomUUID()).then().statusCode(404);
	}

	@Test
	void auditorPagesThroughThePatientsRecordsNewestFirst() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		for (int i = 0; i < 2; i++) {
			server().asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
		}
		String first = "/AuditEvent?patient=" + published.patientId() + "&_sort=-date&_count=2";

		JsonPath page = server().with(TestIssuer.dpop().auditor()).get(first).then().statusCode(200).extract().jsonPath();
		assertThat(page.getInt("total")).isEqualTo(3);
		assertThat(page.getList("entry.resource.subtype.code.flatten()")).containsExactly("ITI-67", "ITI-67");
		String next = page.getString("link.find { it.relation == 'next' }.url");
		JsonPath last = server().with(TestIssuer.dpop().auditor()).urlEncodingEnabled(false).get(next)
				.then().statusCode(200).extract().jsonPath();

		assertThat(last.getList("entry.resource.subtype.code.flatten()")).containsExactly("ITI-65");
		assertThat(last.getString("link.find { it.relation == 'next' }")).isNull();
		assertThat(last.getString("link.find { it.relation == 'previous' }.url")).contains("_offset=0");
		assertThat(AuditRecords.search(server(), "patient=" + published.patientId() + "&date=lt2000-01-01")).isEmpty();
		assertThat(server().with(TestIssuer.dpop().auditor()).get("/AuditEvent?patient.identifier=x").statusCode()).isEqualTo(400);
		assertThat(server().with(TestIssuer.dpop().auditor()).get("/AuditEvent?date=ne2020-01-01").statusCode()).isEqualTo(400);
	}

	@Test
	void searchOnAParameterTheTableDoesNotKeepIsRefused() {
		Response refused = server().with(TestIssuer.dpop().auditor()).get("/AuditEvent?entity-name=anything");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.asString()).contains("OperationOutcome");
	}
}
