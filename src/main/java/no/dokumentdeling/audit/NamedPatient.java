package no.dokumentdeling.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import no.dokumentdeling.mhd.find.PatientResolver;
import org.springframework.stereotype.Component;

/**
 * The patient a refused search is about, for its audit record: only when the query names exactly one patient, by
 * id or by one identifier, and that patient is stored. Anything more (OR lists, several parameters) would cost a
 * lookup per value for a request nobody vouches for, and a guess among several patients would mislead the auditor.
 */
@Component
class NamedPatient {

	private final AuditedResources resources;
	private final PatientResolver patients;

	NamedPatient(AuditedResources resources, PatientResolver patients) {
		this.resources = resources;
		this.patients = patients;
	}

	Optional<String> in(Map<String, String[]> parameters) {
		List<String> byId = RequestedPatients.named(parameters);
		List<String> byIdentifier = Stream.of("patient.identifier", "subject.identifier")
				.flatMap(name -> Arrays.stream(parameters.getOrDefault(name, new String[0])))
				.filter(value -> !value.isBlank())
				.toList();
		if (byId.size() + byIdentifier.size() != 1) {
			return Optional.empty();
		}
		if (!byId.isEmpty()) {
			return resources.existing(byId).stream().findFirst();
		}
		String identifier = byIdentifier.get(0);
		if (identifier.contains(",")) {
			return Optional.empty();
		}
		List<String> stored = patients.stored(identifier);
		return stored.size() == 1 ? Optional.of(stored.get(0)) : Optional.empty();
	}
}
