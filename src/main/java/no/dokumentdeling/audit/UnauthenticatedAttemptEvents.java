package no.dokumentdeling.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Shapes the record of an {@link UnauthenticatedAttempt} as DICOM's "User Authentication" event (110114) with the
 * event type "Login" (110122): what IHE uses for token events (BALP's IUA profiles). The MHD transaction is a second
 * subtype, so an auditor finds the attempt among that transaction's records as well as among failed logins.
 * Outcome 4 (minor failure): the request was refused as a client error (FHIR: "often equivalent to an HTTP 400") and
 * the client may retry with a good token, DICOM's "action restarted"; 8 stays for failures of the server.
 */
@Component
public class UnauthenticatedAttemptEvents {

	public static final String USER_AUTHENTICATION = "110114";
	public static final String LOGIN = "110122";

	public AuditEvent create(UnauthenticatedAttempt attempt) {
		MhdTransaction transaction = attempt.transaction();
		AuditEvent event = new AuditEvent();
		event.setType(new Coding(MhdTransaction.DICOM, USER_AUTHENTICATION, "User Authentication"));
		event.addSubtype(new Coding(MhdTransaction.DICOM, LOGIN, "Login"));
		event.addSubtype(new Coding(MhdTransaction.SUBTYPE_SYSTEM, transaction.code(), transaction.display()));
		event.setAction(AuditEventAction.E);
		event.setRecorded(Date.from(attempt.recorded()));
		event.setOutcome(AuditEventOutcome._4);
		event.setOutcomeDesc(attempt.httpStatus() + " " + attempt.reason());
		AuditEventFactory.observedHere(event);

		AuditEventAgentComponent caller = event.addAgent().setRequestor(true);
		caller.getWho().setDisplay(AuditEventFactory.UNAUTHENTICATED);
		caller.getNetwork().setAddress(attempt.clientAddress()).setType(AuditEventAgentNetworkType._2);

		attempt.patient().ifPresent(patient -> event.addEntity()
				.setWhat(new Reference(patient))
				.setType(new Coding(AuditEventFactory.ENTITY_TYPE, "1", "Person"))
				.setRole(new Coding(AuditEventFactory.OBJECT_ROLE, "1", "Patient")));
		if (attempt.query() != null && !attempt.query().isBlank()) {
			event.addEntity()
					.setType(new Coding(AuditEventFactory.ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(AuditEventFactory.OBJECT_ROLE, "24", "Query"))
					.setQuery(attempt.query().getBytes(StandardCharsets.UTF_8));
		}
		AuditEventEntityComponent context = event.addEntity()
				.setType(new Coding(AuditEventFactory.ENTITY_TYPE, "4", "Other"))
				.setRole(new Coding(AuditEventFactory.ROLE_SYSTEM, "request-context", "NHN request context"));
		AuditEventFactory.detail(context, "request", attempt.requestTarget());
		AuditEventFactory.detail(context, "nhn-event-id", attempt.eventId());
		AuditEventFactory.detail(context, "nhn-source-system", attempt.sourceSystem());
		return event;
	}
}
