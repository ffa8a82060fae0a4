package no.dokumentdeling.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Coding;

/**
 * A citizen blocking or unblocking (creating, updating or deleting a Consent): it changes who may see the patient's
 * documents, so it is audited like any access decision, as a BALP RESTful create / update / delete.
 */
public enum ConsentChange implements AuditedInteraction {
	CREATE("create", AuditEventAction.C),
	UPDATE("update", AuditEventAction.U),
	DELETE("delete", AuditEventAction.D);

	static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
	static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";

	private final String code;
	private final AuditEventAction action;

	ConsentChange(String code, AuditEventAction action) {
		this.code = code;
		this.action = action;
	}

	@Override
	public String code() {
		return code;
	}

	@Override
	public Coding eventType() {
		return new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation");
	}

	@Override
	public Coding subtype() {
		return new Coding(RESTFUL_INTERACTION, code, code);
	}

	@Override
	public AuditEventAction action() {
		return action;
	}

	public static Optional<ConsentChange> of(RequestDetails request) {
		if (!"Consent".equals(request.getResourceName()) || request.getRestOperationType() == null) {
			return Optional.empty();
		}
		return switch (request.getRestOperationType()) {
			case CREATE -> Optional.of(CREATE);
			case UPDATE -> Optional.of(UPDATE);
			case DELETE -> Optional.of(DELETE);
			default -> Optional.empty();
		};
	}
}
