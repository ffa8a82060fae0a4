package no.dokumentdeling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of the last published run (docs/bench-latest.md), so a run's report shows them beside its own: the
 * first figure column of that run's table (our server), by measure. A measure the previous run named differently is
 * not matched; the report then lists the previous table as it was.
 */
final class PreviousFigures {

	static final Path LATEST = Path.of("docs", "bench-latest.md");

	private final String title;
	private final List<String> table;
	private final Map<String, String> ours;

	private PreviousFigures(String title, List<String> table, Map<String, String> ours) {
		this.title = title;
		this.table = table;
		this.ours = ours;
	}

	static PreviousFigures read(Path file) throws IOException {
		if (!Files.exists(file)) {
			return new PreviousFigures("", List.of(), Map.of());
		}
		List<String> lines = Files.readAllLines(file);
		String title = lines.stream().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2)).orElse(file.toString());
		List<String> table = new ArrayList<>();
		for (String line : lines) {
			if (line.startsWith("|")) {
				table.add(line);
			} else if (!table.isEmpty()) {
				break;
			}
		}
		Map<String, String> ours = new LinkedHashMap<>();
		for (String row : table.size() > 2 ? table.subList(2, table.size()) : List.<String>of()) {
			String[] cells = row.split("\\|");
			if (cells.length > 2) {
				ours.put(cells[1].trim(), cells[2].trim());
			}
		}
		return new PreviousFigures(title, table, ours);
	}

	String title() {
		return title;
	}

	/** Our figure for {@code measure} in the previous run, if it had that measure. */
	Optional<String> of(String measure) {
		return Optional.ofNullable(ours.get(measure));
	}

	boolean matchesAny(Iterable<String> measures) {
		for (String measure : measures) {
			if (ours.containsKey(measure)) {
				return true;
			}
		}
		return false;
	}

	/** The previous table as it was, for a report none of whose measures it shares. */
	String table() {
		return String.join("\n", table) + "\n";
	}
}
