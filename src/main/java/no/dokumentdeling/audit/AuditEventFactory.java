package no.dokumentdeling.audit;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.security.Caller;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link AuditRecord} into an AuditEvent shaped like IHE BALP / the MHD audit profiles: the person, on
 * behalf of which organisations, through which client system, why (trust framework), about which patient and
 * documents, with NHN's request context (event id, source system, access basis) kept alongside.
 */
@Component
public class AuditEventFactory {

	/** Roles of the agents and entities that BALP leaves to the implementation. */
	public static final String ROLE_SYSTEM = "https://dokumentdeling.no/fhir/CodeSystem/audit-role";
	/** Names a resource of this server by {@code Type/id} where a literal reference cannot be stored. */
	public static final String RESOURCE_ID_SYSTEM = "https://dokumentdeling.no/fhir/NamingSystem/resource-id";
	public static final String CLIENT_ID_SYSTEM = "https://dokumentdeling.no/fhir/NamingSystem/helseid-client-id";
	public static final String EMERGENCY = "emergency";
	public static final String LEGAL_ENTITY = "legal-entity";
	public static final String POINT_OF_CARE = "point-of-care";

	/** Who an agent is when no caller could be established: nothing the request claims is taken as identity. */
	public static final String UNAUTHENTICATED = "unauthenticated caller";

	static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
	static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
	private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

	public AuditEvent create(AuditRecord record) {
		AuditedInteraction transaction = record.transaction();
		AuditEvent event = new AuditEvent();
		event.setType(transaction.eventType());
		event.addSubtype(transaction.subtype());
		event.setAction(transaction.action());
		event.setRecorded(Date.from(record.recorded()));
		event.setOutcome(record.succeeded() ? AuditEventOutcome._0
				: record.httpStatus() >= 500 ? AuditEventOutcome._8 : AuditEventOutcome._4);
		if (!record.succeeded()) {
			event.setOutcomeDesc(record.httpStatus() + " " + (record.outcomeText() == null ? "" : record.outcomeText()));
		}
		observedHere(event);

		record.caller().ifPresentOrElse(caller -> addCaller(event, caller, record), () -> event.addAgent()
				.setRequestor(true)
				.setWho(new Reference().setDisplay(UNAUTHENTICATED))
				.getNetwork().setAddress(record.clientAddress()));

		record.patients().forEach(patient -> event.addEntity()
				.setWhat(new Reference(patient))
				.setType(new Coding(ENTITY_TYPE, "1", "Person"))
				.setRole(new Coding(OBJECT_ROLE, "1", "Patient")));
		record.documents().forEach(document -> event.addEntity()
				.setWhat(what(document, transaction))
				.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
				.setRole(document.startsWith("DocumentReference/")
						? new Coding(OBJECT_ROLE, "3", "Report")
						: new Coding(OBJECT_ROLE, "4", "Domain Resource")));
		if (record.query() != null && !record.query().isBlank()) {
			event.addEntity()
					.setType(new Coding(ENTITY_TYPE, "2", "System Object"))
					.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
					.setQuery(record.query().getBytes(StandardCharsets.UTF_8));
		}
		return event;
	}

	/**
	 * A literal reference, except to what the call deleted: storage refuses a new reference to a deleted resource, so
	 * its id is kept as an identifier.
	 */
	private static Reference what(String reference, AuditedInteraction transaction) {
		if (transaction == ConsentChange.DELETE) {
			return new Reference().setDisplay(reference)
					.setIdentifier(new Identifier().setSystem(RESOURCE_ID_SYSTEM).setValue(reference));
		}
		return new Reference(reference);
	}

	private static void addCaller(AuditEvent event, Caller caller, AuditRecord record) {
		if (caller.hprNumber() != null || caller.pid() != null || caller.name() != null) {
			addPerson(event, caller, record);
		}
		String legalEntity = caller.legalEntity();
		String legalEntityName = caller.trustFramework().map(Caller.TrustFramework::legalEntityName).orElse(null);
		addOrganisation(event, LEGAL_ENTITY, legalEntity, legalEntityName);
		String pointOfCare = caller.trustFramework().map(Caller.TrustFramework::pointOfCare).orElse(caller.orgnrChild());
		String pointOfCareName = caller.trustFramework().map(Caller.TrustFramework::pointOfCareName).orElse(null);
		addOrganisation(event, POINT_OF_CARE, pointOfCare, pointOfCareName);

		if (caller.clientId() != null) {
			// A system acting for no person (a source publishing) is itself the requestor.
			boolean requestor = event.getAgent().stream().noneMatch(AuditEventAgentComponent::getRequestor);
			AuditEventAgentComponent client = event.addAgent().setRequestor(requestor);
			client.getType().addCoding(new Coding(MhdTransaction.DICOM, "110150", "Application"));
			client.getWho().setIdentifier(new Identifier().setSystem(CLIENT_ID_SYSTEM).setValue(caller.clientId()))
					.setDisplay(caller.clientName());
			client.getNetwork().setAddress(requestor ? record.clientAddress() : null);
		}

		AuditEventEntityComponent context = event.addEntity()
				.setType(new Coding(ENTITY_TYPE, "4", "Other"))
				.setRole(new Coding(ROLE_SYSTEM, "request-context", "NHN request context"));
		detail(context, "nhn-event-id", caller.eventId());
		detail(context, "nhn-source-system", caller.sourceSystem());
		detail(context, "nhn-access-basis", caller.accessBasis());
		caller.trustFramework().ifPresent(tf -> {
			detail(context, "purpose-of-use", tf.purposeOfUse());
			detail(context, "decision-ref", tf.decisionRef());
			detail(context, "healthcare-service", tf.healthcareService());
		});
		if (record.emergency()) {
			detail(context, EMERGENCY, "true");
		}
	}

	private static void addPerson(AuditEvent event, Caller caller, AuditRecord record) {
		AuditEventAgentComponent person = event.addAgent().setRequestor(true);
		person.getType().addCoding(new Coding(PARTICIPATION, "IRCP", "information recipient"));
		if (caller.hprNumber() != null) {
			person.getWho().setIdentifier(new Identifier().setSystem(IdentifierSystems.HPR_NUMMER).setValue(caller.hprNumber()));
		} else if (caller.pid() != null) {
			person.getWho().setIdentifier(new Identifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(caller.pid()));
		}
		person.getWho().setDisplay(caller.name());
		if (caller.pid() != null) {
			person.setAltId(caller.pid());
		}
		person.setName(caller.name());
		person.getNetwork().setAddress(record.clientAddress());
		caller.trustFramework().ifPresent(tf -> {
			if (tf.purposeOfUse() != null) {
				person.addPurposeOfUse(new CodeableConcept(new Coding(ACT_REASON, tf.purposeOfUse(), null)));
				event.addPurposeOfEvent(new CodeableConcept(new Coding(ACT_REASON, tf.purposeOfUse(), null)));
			}
		});
	}

	private static void addOrganisation(AuditEvent event, String role, String orgnr, String name) {
		if (orgnr == null && name == null) {
			return;
		}
		AuditEventAgentComponent organisation = event.addAgent().setRequestor(false);
		organisation.getType().addCoding(new Coding(ROLE_SYSTEM, role, null));
		if (orgnr != null) {
			organisation.getWho().setIdentifier(new Identifier().setSystem(IdentifierSystems.ORGANISASJONSNUMMER).setValue(orgnr));
		}
		organisation.getWho().setDisplay(name);
	}

	/** Every record names this server as the one that observed the event. */
	static void observedHere(AuditEvent event) {
		event.getSource().setObserver(new Reference().setDisplay("dokumentdeling"))
				.addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
	}

	static void detail(AuditEventEntityComponent entity, String type, String value) {
		if (value != null && !value.isBlank()) {
			entity.addDetail().setType(type).setValue(new org.hl7.fhir.r4.model.StringType(value));
		}
	}
}
