package no.dokumentdeling.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Every ITI-65/66/67/68 call leaves an AuditEvent: who, for which organisation, why, about which patient and
 * documents. Citizens read their innsynslogg; auditors search the trail; nobody changes it.
 */
class AuditTrailTest {

	private final TestServer server = SharedServers.h2();

	@Test
	void publishingIsAuditedWithTheSourceSystem() {
		Published published = publish(server, SyntheticFodselsnummer.next());

		JsonPath events = auditEvents(server, "patient=" + published.patientId() + "&subtype=ITI-65");
		assertThat(events.getList("entry")).hasSize(1);
		assertThat(events.getString("entry[0].resource.action")).isEqualTo("C");
		assertThat(events.getList("entry[0].resource.agent.who.identifier.value")).contains("dokumentdeling-test-epj", "993467049");
		assertThat(events.getList("entry[0].resource.entity.what.reference")).contains(published.documentId());
	}

	@Test
	void searchAndRetrieveAreAuditedWithPersonOrganisationAndPurpose() {
		Published published = publish(server, SyntheticFodselsnummer.next());
		server.asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
		server.asReader().accept("application/pdf").get("/" + published.binaryId()).then().statusCode(200);

		JsonPath search = auditEvents(server, "patient=" + published.patientId() + "&subtype=ITI-67");
		assertThat(search.getList("entry")).hasSize(1);
		assertThat(search.getList("entry[0].resource.agent.who.identifier.value")).contains("565505933", "912345678", "987654321");
		assertThat(search.getString("entry[0].resource.agent[0].who.display")).isEqualTo("Kari Lege");
		assertThat(search.getString("entry[0].resource.agent[0].purposeOfUse[0].coding[0].code")).isEqualTo("TREAT");
		assertThat(search.getList("entry[0].resource.entity.what.reference")).contains(published.documentId());

		JsonPath retrieve = auditEvents(server, "patient=" + published.patientId() + "&subtype=ITI-68");
		assertThat(retrieve.getList("entry")).hasSize(1);
		assertThat(retrieve.getString("entry[0].resource.action")).isEqualTo("R");
	}

	@Test
	void refusedReadIsAuditedAsAFailure() {
		Published published = publish(server, SyntheticFodselsnummer.next());
		String intruder = SyntheticFodselsnummer.next();

		server.asCitizen(intruder).get("/" + published.documentId()).then().statusCode(404);

		JsonPath events = auditEvents(server, "agent-identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + intruder);
		assertThat(events.getList("entry")).hasSize(1);
		assertThat(events.getString("entry[0].resource.outcome")).isEqualTo("4");
	}

	@Test
	void auditorSearchesByPatientPersonOrganisationAndPeriod() {
		Published published = publish(server, SyntheticFodselsnummer.next());
		server.asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);

		assertThat(auditEvents(server, "patient=" + published.patientId()).getList("entry")).hasSize(2);
		assertThat(auditEvents(server, "patient=" + published.patientId() + "&agent-identifier="
				+ IdentifierSystems.HPR_NUMMER + "|565505933").getList("entry")).hasSize(1);
		assertThat(auditEvents(server, "patient=" + published.patientId() + "&agent-identifier="
				+ IdentifierSystems.ORGANISASJONSNUMMER + "|912345678").getList("entry")).hasSize(1);
		assertThat(auditEvents(server, "patient=" + published.patientId() + "&date=ge2000-01-01").getList("entry")).hasSize(2);
		assertThat(auditEvents(server, "patient=" + published.patientId() + "&date=lt2000-01-01").getList("entry")).isNullOrEmpty();
	}

	@Test
	void innsynsloggShowsWhoReadTheDocumentsNewestFirst() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(server, fnr);
		server.asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);
		server.asReader().accept("application/pdf").get("/" + published.binaryId()).then().statusCode(200);
		server.asCitizen(fnr).get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200);

		var raw = server.asCitizen(fnr).urlEncodingEnabled(false).get("/$innsynslogg");
		assertThat(raw.statusCode()).as(raw.asString()).isEqualTo(200);
		JsonPath log = raw.jsonPath();

		List<Map<String, Object>> entries = log.getList("entry");
		assertThat(entries).as("the GP's search and retrieve; not the source's publishing, not the citizen's own read").hasSize(2);
		assertThat(log.getString("entry[0].resource.subtype[0].code")).isEqualTo("ITI-68");
		assertThat(log.getString("entry[1].resource.subtype[0].code")).isEqualTo("ITI-67");
		assertThat(log.getString("entry[0].resource.agent[0].who.display")).isEqualTo("Kari Lege");
		assertThat(log.getList("entry[0].resource.agent.who.display")).contains("Testlegekontoret AS");
		assertThat(log.getString("entry[0].resource.recorded")).isNotBlank();
		assertThat(log.getString("entry[0].resource.purposeOfEvent[0].coding[0].code")).isEqualTo("TREAT");
		assertThat(raw.asString()).as("no technical noise").doesNotContain("\"query\"").doesNotContain("\"network\"");
	}

	@Test
	void innsynsloggMarksEmergencyAccess() {
		String fnr = SyntheticFodselsnummer.next();
		Published published = publish(server, fnr);
		server.asReader().header("nhn-access-basis", "akutt").get("/DocumentReference?patient=" + published.patientId())
				.then().statusCode(200);

		var raw = server.asCitizen(fnr).urlEncodingEnabled(false).get("/$innsynslogg");
		assertThat(raw.statusCode()).as(raw.asString()).isEqualTo(200);
		JsonPath log = raw.jsonPath();

		assertThat(log.getList("entry[0].resource.entity.detail.type").toString()).contains(AuditEventFactory.EMERGENCY);
	}

	@Test
	void innsynsloggOfAnotherCitizenIsRefused() {
		String fnr = SyntheticFodselsnummer.next();
		publish(server, fnr);

		server.asCitizen(SyntheticFodselsnummer.next()).urlEncodingEnabled(false).get("/$innsynslogg?patient.identifier=" + fnr).then().statusCode(403);
		server.asReader().urlEncodingEnabled(false).get("/$innsynslogg?patient.identifier=" + fnr).then().statusCode(403);
	}

	@Test
	void onlyAuditorsSearchTheAuditTrail() {
		server.asReader().get("/AuditEvent").then().statusCode(403);
		server.asSource().get("/AuditEvent").then().statusCode(403);
		server.asCitizen(SyntheticFodselsnummer.next()).get("/AuditEvent").then().statusCode(403);
	}

	@Test
	void auditEventsCannotBeUpdatedOrDeleted() {
		Published published = publish(server, SyntheticFodselsnummer.next());
		String id = auditEvents(server, "patient=" + published.patientId()).getString("entry[0].resource.id");
		String body = "{\"resourceType\":\"AuditEvent\",\"id\":\"" + id + "\"}";

		for (var caller : List.of(server.with(TestIssuer.dpop().auditor()), server.asSource())) {
			assertThat(caller.contentType("application/fhir+json").body(body).put("/AuditEvent/" + id).statusCode()).isBetween(400, 499);
		}
		assertThat(server.with(TestIssuer.dpop().auditor()).delete("/AuditEvent/" + id).statusCode()).isBetween(400, 499);
		assertThat(auditEvents(server, "patient=" + published.patientId()).getString("entry[0].resource.id")).isEqualTo(id);
	}

	@Test
	void readWhoseAuditCannotBeWrittenFailsAndDeliversNoDocument() throws Exception {
		TestServer postgres = SharedServers.postgres();
		Published published = publish(postgres, SyntheticFodselsnummer.next());
		try (Connection connection = DriverManager.getConnection(postgres.database().jdbcUrl(),
				postgres.database().username(), postgres.database().password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN "
					+ "RAISE EXCEPTION 'audit storage unavailable'; END $$ LANGUAGE plpgsql");
			statement.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON dd_audit_event FOR EACH ROW "
					+ "EXECUTE FUNCTION refuse_audit()");
			try {
				var search = postgres.asReader().get("/DocumentReference?patient=" + published.patientId());
				assertThat(search.statusCode()).isEqualTo(503);
				assertThat(search.asString()).contains("OperationOutcome").doesNotContain(published.documentId());

				var retrieve = postgres.asReader().accept("application/pdf").get("/" + published.binaryId());
				assertThat(retrieve.statusCode()).isEqualTo(503);
				assertThat(retrieve.asString()).doesNotContain("%PDF");
			} finally {
				statement.execute("DROP TRIGGER refuse_audit ON dd_audit_event");
				statement.execute("DROP FUNCTION refuse_audit()");
			}
		}
		postgres.asReader().get("/DocumentReference?patient=" + published.patientId()).then().statusCode(200)
				.body("entry[0].resource.id", equalTo(published.documentId().substring("DocumentReference/".length())));
	}

	private record Published(String patientId, String documentId, String binaryId) {}

	private static Published publish(TestServer server, String fnr) {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise();
		JsonPath response = server.asSource().contentType("application/fhir+json").body(bundle.json()).post()
				.then().statusCode(200).extract().jsonPath();
		String documentId = versionless(response.getString("entry[2].response.location"));
		String binaryId = versionless(response.getString("entry[1].response.location"));
		// Patient lookups are not MHD transactions, so this leaves no audit record of its own.
		String patientId = "Patient/" + server.asReader().get("/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr)
				.then().statusCode(200).extract().jsonPath().getString("entry[0].resource.id");
		return new Published(patientId, documentId, binaryId);
	}

	private static String versionless(String location) {
		String[] parts = location.split("/");
		return parts[0] + "/" + parts[1];
	}

	private static JsonPath auditEvents(TestServer server, String query) {
		return server.with(TestIssuer.dpop().auditor()).get("/AuditEvent?" + query + "&_count=100")
				.then().statusCode(200).extract().jsonPath();
	}
}
