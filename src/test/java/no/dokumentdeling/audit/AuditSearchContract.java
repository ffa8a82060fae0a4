package no.dokumentdeling.audit;

import static no.dokumentdeling.audit.AuditRecords.publish;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

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

	@Test
	void searchOnAParameterTheTableDoesNotKeepIsRefused() {
		Response refused = server().with(TestIssuer.dpop().auditor()).get("/AuditEvent?entity-name=anything");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.asString()).contains("OperationOutcome");
	}
}
