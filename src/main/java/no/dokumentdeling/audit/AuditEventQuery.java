package no.dokumentdeling.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which audit records to find in {@link AuditEventTable}, in which order and which slice of them.
 *
 * @param ids the records' ids, any of them (empty: any record)
 * @param from the earliest {@code recorded}, inclusive, or null
 * @param to the latest {@code recorded}, inclusive, or null
 * @param keys conditions that all hold, each met by any one of its matches
 * @param descending newest first: order by {@code recorded} descending rather than ascending (ties by id, the same way)
 * @param offset how many records of the order to skip
 * @param count how many to return at most
 */
record AuditEventQuery(List<String> ids, Instant from, Instant to, List<List<KeyMatch>> keys, boolean descending,
		int offset, int count) {

	/**
	 * One value a record's search key must have.
	 *
	 * @param system the key's system (a reference's resource type), or null for any
	 * @param withoutSystem the key must have no system ({@code |code})
	 * @param value the key's value, or null for any value (in the system)
	 * @param prefix the value starts with {@code value} rather than equals it (string search)
	 */
	record KeyMatch(String parameter, String system, boolean withoutSystem, String value, boolean prefix) {

		/** Compared as stored: as long as a key keeps. */
		KeyMatch {
			system = AuditSearchKey.bounded(system, AuditSearchKey.MAX_SYSTEM);
			value = AuditSearchKey.bounded(value, AuditSearchKey.MAX_VALUE);
		}

		static KeyMatch exactly(String parameter, String system, String value) {
			return new KeyMatch(parameter, system, false, value, false);
		}
	}

	AuditEventQuery {
		ids = List.copyOf(ids);
		keys = List.copyOf(keys);
	}

	/** Every record, oldest first. */
	static AuditEventQuery all(int count) {
		return new AuditEventQuery(List.of(), null, null, List.of(), false, 0, count);
	}

	/** This query, where also one of {@code anyOf} holds. */
	AuditEventQuery where(List<KeyMatch> anyOf) {
		List<List<KeyMatch>> more = new ArrayList<>(keys);
		more.add(List.copyOf(anyOf));
		return new AuditEventQuery(ids, from, to, more, descending, offset, count);
	}

	AuditEventQuery withIds(List<String> ids) {
		return new AuditEventQuery(ids, from, to, keys, descending, offset, count);
	}

	AuditEventQuery recordedBetween(Instant from, Instant to) {
		return new AuditEventQuery(ids, from, to, keys, descending, offset, count);
	}

	AuditEventQuery newestFirst() {
		return new AuditEventQuery(ids, from, to, keys, true, offset, count);
	}

	AuditEventQuery page(int offset, int count) {
		return new AuditEventQuery(ids, from, to, keys, descending, offset, count);
	}
}
