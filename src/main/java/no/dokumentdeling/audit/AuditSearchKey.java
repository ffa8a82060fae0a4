package no.dokumentdeling.audit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * One value an AuditEvent is found by, as {@link AuditEventTable} keeps it beside the record: the search parameter,
 * a token's system (a reference's resource type) and the value (a reference's id). What each parameter takes from
 * the record follows the FHIR R4 AuditEvent search parameters, and our {@code agent-identifier} and
 * {@code nhn-event-id}.
 */
record AuditSearchKey(String parameter, String system, String value) {

	/** The lengths of {@code key_value} and {@code key_system}. */
	static final int MAX_VALUE = 1024;
	static final int MAX_SYSTEM = 255;

	static final String PATIENT = "patient";
	static final String ENTITY = "entity";
	static final String TYPE = "type";
	static final String SUBTYPE = "subtype";
	static final String OUTCOME = "outcome";
	static final String AGENT_IDENTIFIER = "agent-identifier";
	static final String ADDRESS = "address";
	static final String NHN_EVENT_ID = "nhn-event-id";

	static final String OUTCOME_SYSTEM = "http://hl7.org/fhir/audit-event-outcome";

	/**
	 * Kept, and searched, by its first {@link #MAX_VALUE} / {@link #MAX_SYSTEM} characters: a caller chooses some values
	 * ({@code nhn-event-id}), and no length of theirs may keep a call from being recorded.
	 */
	AuditSearchKey {
		value = bounded(value, MAX_VALUE);
		system = bounded(system, MAX_SYSTEM);
	}

	static String bounded(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length);
	}

	/** The keys of {@code event}, each once. */
	static List<AuditSearchKey> of(AuditEvent event) {
		Set<AuditSearchKey> keys = new LinkedHashSet<>();
		token(keys, TYPE, event.getType());
		event.getSubtype().forEach(subtype -> token(keys, SUBTYPE, subtype));
		if (event.hasOutcome()) {
			keys.add(new AuditSearchKey(OUTCOME, OUTCOME_SYSTEM, event.getOutcome().toCode()));
		}
		for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
			reference(keys, agent.getWho(), false);
			Identifier identifier = agent.getWho().getIdentifier();
			if (identifier.hasValue()) {
				keys.add(new AuditSearchKey(AGENT_IDENTIFIER, identifier.getSystem(), identifier.getValue()));
			}
			if (agent.getNetwork().hasAddress()) {
				keys.add(new AuditSearchKey(ADDRESS, null, normalised(agent.getNetwork().getAddress())));
			}
		}
		for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
			reference(keys, entity.getWhat(), true);
			entity.getDetail().stream()
					.filter(detail -> NHN_EVENT_ID.equals(detail.getType()) && detail.getValue() instanceof StringType)
					.forEach(detail -> keys.add(new AuditSearchKey(NHN_EVENT_ID, null, ((StringType) detail.getValue()).getValue())));
		}
		return List.copyOf(keys);
	}

	/** As FHIR string search compares: case does not matter. */
	static String normalised(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	private static void token(Set<AuditSearchKey> keys, String parameter, Coding coding) {
		if (coding != null && coding.hasCode()) {
			keys.add(new AuditSearchKey(parameter, coding.getSystem(), coding.getCode()));
		}
	}

	/** {@code entity} is every entity's {@code what}; {@code patient} every agent or entity that is a Patient. */
	private static void reference(Set<AuditSearchKey> keys, Reference reference, boolean entity) {
		if (reference == null || !reference.hasReference()) {
			return;
		}
		IdType id = new IdType(reference.getReference());
		if (!id.hasResourceType() || !id.hasIdPart()) {
			return;
		}
		if (entity) {
			keys.add(new AuditSearchKey(ENTITY, id.getResourceType(), id.getIdPart()));
		}
		if ("Patient".equals(id.getResourceType())) {
			keys.add(new AuditSearchKey(PATIENT, id.getResourceType(), id.getIdPart()));
		}
	}
}
