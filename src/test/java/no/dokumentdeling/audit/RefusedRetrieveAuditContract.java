package no.dokumentdeling.audit;

import static no.dokumentdeling.audit.AuditRecords.publish;
import static no.dokumentdeling.audit.AuditRecords.since;
import static no.dokumentdeling.audit.AuditRecords.single;
import static no.dokumentdeling.audit.AuditRecords.withEventId;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/**
 * Rule "the outcome is the truth": an ITI-68 call that is refused (403, 404, 406, 410) is recorded as a failure, and
 * the citizen's innsynslogg never shows it as a read. H2 and PostgreSQL via subclasses.
 */
abstract class RefusedRetrieveAuditContract {

	protected abstract TestServer server();

	@Test
	void notAcceptableRetrieveIsAFailureAndNotInTheInnsynslogg() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		String eventId = UUID.randomUUID().toString();

		refused(server().asReader(), eventId).accept("image/png").get("/" + published.binaryId()).then().statusCode(406);

		assertFailureRecord(eventId, 406);
		assertNoReadInInnsynslogg(published);
	}

	@Test
	void forbiddenRetrieveIsAFailureAndNotInTheInnsynslogg() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		String eventId = UUID.randomUUID().toString();

		refused(server().with(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES)), eventId)
				.accept("application/pdf").get("/" + published.binaryId()).then().statusCode(403);

		assertFailureRecord(eventId, 403);
		assertNoReadInInnsynslogg(published);
	}

	@Test
	void unknownRetrieveIsAFailure() {
		String eventId = UUID.randomUUID().toString();

		refused(server().asReader(), eventId).accept("application/pdf").get("/Binary/no-such-document-" + eventId)
				.then().statusCode(404);

		assertFailureRecord(eventId, 404);
	}

	@Test
	void withdrawnRetrieveIsAFailureAndNotInTheInnsynslogg() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		var documents = server().bean(DaoRegistry.class).getResourceDao(DocumentReference.class);
		DocumentReference document = documents.read(new IdType(published.documentId()), new SystemRequestDetails());
		documents.update(document.setStatus(DocumentReferenceStatus.ENTEREDINERROR), new SystemRequestDetails());
		String eventId = UUID.randomUUID().toString();

		refused(server().asReader(), eventId).accept("application/pdf").get("/" + published.binaryId()).then().statusCode(410);

		assertFailureRecord(eventId, 410);
		assertNoReadInInnsynslogg(published);
	}

	@Test
	void deliveredRetrieveIsOneSuccessInTheInnsynslogg() {
		AuditRecords.Published published = publish(server(), SyntheticFodselsnummer.next());
		String eventId = UUID.randomUUID().toString();
		Instant start = Instant.now();

		refused(server().asReader(), eventId).accept("application/pdf").get("/" + published.binaryId()).then().statusCode(200);

		JsonPath event = single(withEventId(server(), "subtype=ITI-68&date=ge" + since(start), eventId));
		assertThat(event.getString("outcome")).isEqualTo("0");
		assertThat(innsynsloggSubtypes(published)).containsExactly("ITI-68");
	}

	private static RequestSpecification refused(RequestSpecification request, String eventId) {
		return request.header("nhn-event-id", eventId);
	}

	/** Exactly one record of the call, and it says the call failed, with its status. */
	private void assertFailureRecord(String eventId, int status) {
		List<JsonPath> records = withEventId(server(), "subtype=ITI-68&date=ge" + since(Instant.now().minusSeconds(60)), eventId);
		JsonPath event = single(records);
		assertThat(event.getString("outcome")).isNotEqualTo("0");
		assertThat(event.getString("outcomeDesc")).startsWith(String.valueOf(status));
	}

	private void assertNoReadInInnsynslogg(AuditRecords.Published published) {
		assertThat(innsynsloggSubtypes(published)).doesNotContain("ITI-68");
	}

	private List<String> innsynsloggSubtypes(AuditRecords.Published published) {
		var raw = server().asCitizen(published.fnr()).urlEncodingEnabled(false).get("/$innsynslogg");
		assertThat(raw.statusCode()).as(raw.asString()).isEqualTo(200);
		List<String> subtypes = raw.jsonPath().getList("entry.resource.subtype[0].code");
		return subtypes == null ? List.of() : subtypes;
	}
}
