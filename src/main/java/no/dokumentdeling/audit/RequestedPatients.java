package no.dokumentdeling.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The patients a request names by id through its own {@code patient} / {@code subject} parameters. */
final class RequestedPatients {

	/** As {@code Patient/{id}}: a bare id, {@code Patient/{id}}, or an absolute reference ending in one. */
	static List<String> named(Map<String, String[]> parameters) {
		return List.of("patient", "subject").stream()
				.flatMap(name -> Arrays.stream(parameters.getOrDefault(name, new String[0])))
				.flatMap(value -> Arrays.stream(value.split(",")))
				.map(value -> value.contains("Patient/") ? value.substring(value.lastIndexOf("Patient/")) : "Patient/" + value)
				.filter(value -> value.matches("Patient/[A-Za-z0-9\\-.]{1,64}"))
				.distinct()
				.toList();
	}

	private RequestedPatients() {}
}
