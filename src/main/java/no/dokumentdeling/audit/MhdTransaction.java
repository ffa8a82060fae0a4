package no.dokumentdeling.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Coding;

/**
 * The IHE MHD transactions the server audits, with the event type and action of the matching MHD / BALP audit
 * profile (DICOM event ids: Import for the Recipient's ITI-65 and ITI-105, Query for searches, Export for the
 * Responder's retrieve).
 */
public enum MhdTransaction implements AuditedInteraction {
	ITI_65("ITI-65", "Provide Document Bundle", "110107", "Import", AuditEventAction.C),
	ITI_66("ITI-66", "Find Document Lists", "110112", "Query", AuditEventAction.E),
	ITI_67("ITI-67", "Find Document References", "110112", "Query", AuditEventAction.E),
	ITI_68("ITI-68", "Retrieve Document", "110106", "Export", AuditEventAction.R),
	ITI_105("ITI-105", "Simplified Publish", "110107", "Import", AuditEventAction.C);

	public static final String SUBTYPE_SYSTEM = "urn:ihe:event-type-code";
	public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

	private final String code;
	private final String display;
	private final String eventTypeCode;
	private final String eventTypeDisplay;
	private final AuditEventAction action;

	MhdTransaction(String code, String display, String eventTypeCode, String eventTypeDisplay, AuditEventAction action) {
		this.code = code;
		this.display = display;
		this.eventTypeCode = eventTypeCode;
		this.eventTypeDisplay = eventTypeDisplay;
		this.action = action;
	}

	@Override
	public Coding eventType() {
		return new Coding(DICOM, eventTypeCode, eventTypeDisplay);
	}

	@Override
	public Coding subtype() {
		return new Coding(SUBTYPE_SYSTEM, code, display);
	}

	@Override
	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	public String eventTypeCode() {
		return eventTypeCode;
	}

	public String eventTypeDisplay() {
		return eventTypeDisplay;
	}

	@Override
	public AuditEventAction action() {
		return action;
	}

	/** Whether this transaction publishes (its record is written with what it stores, audit.PublicationAuditInterceptor). */
	public boolean publishes() {
		return this == ITI_65 || this == ITI_105;
	}

	/** The MHD transaction a FHIR request is, if it is one. */
	public static Optional<MhdTransaction> of(RequestDetails request) {
		return of(request.getRestOperationType(), request.getResourceName());
	}

	/** The MHD transaction an interaction with a resource type is, if it is one. */
	public static Optional<MhdTransaction> of(RestOperationTypeEnum operation, String type) {
		if (operation == null) {
			return Optional.empty();
		}
		return switch (operation) {
			case TRANSACTION -> Optional.of(ITI_65);
			case CREATE -> "DocumentReference".equals(type) ? Optional.of(ITI_105) : Optional.empty();
			case SEARCH_TYPE, READ -> switch (type == null ? "" : type) {
				case "DocumentReference" -> Optional.of(ITI_67);
				case "List" -> Optional.of(ITI_66);
				case "Binary" -> operation == RestOperationTypeEnum.READ ? Optional.of(ITI_68) : Optional.empty();
				default -> Optional.empty();
			};
			default -> Optional.empty();
		};
	}
}
