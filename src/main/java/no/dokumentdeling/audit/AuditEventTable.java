package no.dokumentdeling.audit;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail's storage: our own append-only table ({@code dd_audit_event}, migration V3), each record as its FHIR
 * JSON with the values it is searched by in {@code dd_audit_search_key}. There is an insert and there are reads; no
 * update, no delete. Writes go through Spring's JDBC on the data source HAPI's transaction manager uses, so a write
 * made inside a HAPI transaction (ITI-65, a retraction) is part of it and commits or rolls back with it.
 */
@Component
public class AuditEventTable {

	static final String INSERT_EVENT = "INSERT INTO dd_audit_event (id, recorded_at, resource_json) VALUES (?, ?, ?)";
	static final String INSERT_KEY =
			"INSERT INTO dd_audit_search_key (event_id, parameter, key_system, key_value) VALUES (?, ?, ?, ?)";

	private final JdbcTemplate jdbc;
	private final FhirContext fhirContext;

	public AuditEventTable(DataSource dataSource, FhirContext fhirContext) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.fhirContext = fhirContext;
	}

	/** Stores {@code event} under a new id, which it also gets (with version 1 and the time it was stored). */
	void append(AuditEvent event) {
		String id = UUID.randomUUID().toString();
		Date stored = new Date();
		event.setId(id);
		event.getMeta().setVersionId("1").setLastUpdated(stored);
		Date recorded = event.hasRecorded() ? event.getRecorded() : stored;
		jdbc.update(INSERT_EVENT, id, recorded.getTime(), fhirContext.newJsonParser().encodeResourceToString(event));
		List<Object[]> keys = AuditSearchKey.of(event).stream()
				.map(key -> new Object[] {id, key.parameter(), key.system(), key.value()})
				.toList();
		if (!keys.isEmpty()) {
			jdbc.batchUpdate(INSERT_KEY, keys);
		}
	}

	Optional<AuditEvent> read(String id) {
		return jdbc.queryForList("SELECT resource_json FROM dd_audit_event WHERE id = ?", String.class, id).stream()
				.findFirst().map(this::parse);
	}

	/** The records {@code query} selects, in its order, its slice of them. */
	List<AuditEvent> search(AuditEventQuery query) {
		if (query.count() <= 0) {
			return List.of();
		}
		Where where = where(query);
		String direction = query.descending() ? " DESC" : " ASC";
		List<Object> arguments = new ArrayList<>(where.arguments());
		arguments.add(query.offset());
		arguments.add(query.count());
		return jdbc.queryForList("SELECT e.resource_json FROM dd_audit_event e" + where.sql()
				+ " ORDER BY e.recorded_at" + direction + ", e.id" + direction
				+ " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", String.class, arguments.toArray())
				.stream().map(this::parse).toList();
	}

	/** How many records {@code query} selects, whatever its slice. */
	int count(AuditEventQuery query) {
		Where where = where(query);
		Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM dd_audit_event e" + where.sql(), Integer.class,
				where.arguments().toArray());
		return count == null ? 0 : count;
	}

	private AuditEvent parse(String json) {
		return fhirContext.newJsonParser().parseResource(AuditEvent.class, json);
	}

	private record Where(String sql, List<Object> arguments) {}

	private static Where where(AuditEventQuery query) {
		List<String> conditions = new ArrayList<>();
		List<Object> arguments = new ArrayList<>();
		if (!query.ids().isEmpty()) {
			conditions.add("e.id IN (" + String.join(", ", query.ids().stream().map(id -> "?").toList()) + ")");
			arguments.addAll(query.ids());
		}
		if (query.from() != null) {
			conditions.add("e.recorded_at >= ?");
			arguments.add(query.from().toEpochMilli());
		}
		if (query.to() != null) {
			conditions.add("e.recorded_at <= ?");
			arguments.add(query.to().toEpochMilli());
		}
		for (List<AuditEventQuery.KeyMatch> anyOf : query.keys()) {
			if (anyOf.isEmpty()) {
				conditions.add("1 = 0");
				continue;
			}
			List<String> alternatives = new ArrayList<>();
			for (AuditEventQuery.KeyMatch match : anyOf) {
				StringBuilder alternative = new StringBuilder("(k.parameter = ?");
				arguments.add(match.parameter());
				if (match.system() != null) {
					alternative.append(" AND k.key_system = ?");
					arguments.add(match.system());
				} else if (match.withoutSystem()) {
					alternative.append(" AND k.key_system IS NULL");
				}
				if (match.value() != null && match.prefix()) {
					alternative.append(" AND k.key_value LIKE ? ESCAPE '\\'");
					arguments.add(likePrefix(match.value()));
				} else if (match.value() != null) {
					alternative.append(" AND k.key_value = ?");
					arguments.add(match.value());
				}
				alternatives.add(alternative.append(')').toString());
			}
			conditions.add("EXISTS (SELECT 1 FROM dd_audit_search_key k WHERE k.event_id = e.id AND ("
					+ String.join(" OR ", alternatives) + "))");
		}
		return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), arguments);
	}

	private static String likePrefix(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}
}
