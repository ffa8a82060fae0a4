package no.dokumentdeling.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Coding;

/**
 * A source withdrawing a document it published (status {@code entered-in-error}, {@code retraction.Retraction}): it
 * changes what every consumer finds, so it is audited as a BALP RESTful update or patch of that DocumentReference.
 */
public enum DocumentRetraction implements AuditedInteraction {
	UPDATE("update"),
	PATCH("patch");

	private final String code;

	DocumentRetraction(String code) {
		this.code = code;
	}

	@Override
	public String code() {
		return "retraction-" + code;
	}

	@Override
	public Coding eventType() {
		return new Coding(ConsentChange.AUDIT_EVENT_TYPE, "rest", "Restful Operation");
	}

	@Override
	public Coding subtype() {
		return new Coding(ConsentChange.RESTFUL_INTERACTION, code, code);
	}

	@Override
	public AuditEventAction action() {
		return AuditEventAction.U;
	}

	/** A PUT or PATCH of a DocumentReference: the only change of a stored document a caller can ask for. */
	public static Optional<DocumentRetraction> of(RequestDetails request) {
		if (!"DocumentReference".equals(request.getResourceName()) || request.getRestOperationType() == null) {
			return Optional.empty();
		}
		return switch (request.getRestOperationType()) {
			case UPDATE -> Optional.of(UPDATE);
			case PATCH -> Optional.of(PATCH);
			default -> Optional.empty();
		};
	}
}
