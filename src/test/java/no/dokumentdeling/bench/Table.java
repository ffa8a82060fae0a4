package no.dokumentdeling.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures: one row per measure, one column per target, then each target's ratio to the baseline. */
final class Table {

	private record Row(Map<String, Double> values, String format) {}

	private final Map<String, Row> rows = new LinkedHashMap<>();

	void put(String measure, Target target, double value, String format) {
		rows.computeIfAbsent(measure, m -> new Row(new LinkedHashMap<>(), format)).values().put(target.name, value);
		System.out.printf(Locale.ROOT, "%s | %s: " + format + "%n", measure, target.name, value);
	}

	java.util.Set<String> measures() {
		return rows.keySet();
	}

	Double value(String measure, Target target) {
		Row row = rows.get(measure);
		return row == null ? null : row.values().get(target.name);
	}

	/**
	 * The last target is the baseline the others are compared with; the previous run's figure for our server stands
	 * in the last column when that run had the same measures.
	 */
	String markdown(List<Target> targets, PreviousFigures previous) {
		Target baseline = targets.get(targets.size() - 1);
		List<Target> compared = targets.subList(0, targets.size() - 1);
		boolean withPrevious = previous.matchesAny(rows.keySet());
		StringBuilder out = new StringBuilder("| Measure |");
		targets.forEach(t -> out.append(' ').append(t.name).append(" |"));
		compared.forEach(t -> out.append(' ').append(t.name).append(" / plain |"));
		if (withPrevious) {
			out.append(" ").append(targets.get(0).name).append(", previous run |");
		}
		out.append("\n|---|");
		targets.forEach(t -> out.append("---|"));
		compared.forEach(t -> out.append("---|"));
		if (withPrevious) {
			out.append("---|");
		}
		out.append('\n');
		rows.forEach((measure, row) -> {
			out.append("| ").append(measure).append(" |");
			for (Target t : targets) {
				Double v = row.values().get(t.name);
				out.append(' ').append(v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, row.format(), v)).append(" |");
			}
			Double base = row.values().get(baseline.name);
			for (Target t : compared) {
				Double v = row.values().get(t.name);
				boolean known = v != null && base != null && !v.isNaN() && !base.isNaN() && base != 0;
				out.append(' ').append(known ? String.format(Locale.ROOT, "%.2f", v / base) : "").append(" |");
			}
			if (withPrevious) {
				out.append(' ').append(previous.of(measure).orElse("")).append(" |");
			}
			out.append('\n');
		});
		return out.toString();
	}
}
