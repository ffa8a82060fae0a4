package no.dokumentdeling.security;

import java.util.Map;
import java.util.Optional;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;

/**
 * A Patient search names one person: {@code identifier} with a fødselsnummer or D-nummer ({@code system|value}, or
 * the bare number), or {@code _id}. Every value given must name someone; a search that names nobody
 * ({@code GET /Patient}, {@code _count}, {@code _lastUpdated}, {@code identifier=<system>|}, {@code
 * identifier:missing=false}) would list the registry, and is refused with 400. No role lists patients in bulk.
 */
final class PatientLookup {

	static final String NAMES_NOBODY = "A Patient search must name one person: identifier=<fødselsnummer or D-nummer> "
			+ "(optionally as " + IdentifierSystems.FODSELSNUMMER + "|<number> or " + IdentifierSystems.D_NUMMER
			+ "|<number>) or _id=<id>. Listing patients is not offered.";

	/** Why the search names nobody, or empty if it names a person by every value it gives. */
	static Optional<String> refusal(Map<String, String[]> parameters) {
		boolean named = false;
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			boolean identifier = name.equals("identifier");
			boolean id = name.equals("_id");
			if (name.startsWith("identifier:") || name.startsWith("_id:")) {
				return Optional.of(NAMES_NOBODY);
			}
			if (!identifier && !id) {
				continue;
			}
			for (String value : parameter.getValue()) {
				for (String part : value.split(",", -1)) {
					if (identifier ? !isPersonIdentifier(part.trim()) : part.isBlank()) {
						return Optional.of(NAMES_NOBODY);
					}
				}
			}
			named = true;
		}
		return named ? Optional.empty() : Optional.of(NAMES_NOBODY);
	}

	private static boolean isPersonIdentifier(String token) {
		int bar = token.indexOf('|');
		if (bar < 0) {
			return PersonIdentifier.parse(IdentifierSystems.FODSELSNUMMER, token).isPresent()
					|| PersonIdentifier.parse(IdentifierSystems.D_NUMMER, token).isPresent();
		}
		String system = token.substring(0, bar);
		return IdentifierSystems.isPersonIdentifier(system) && PersonIdentifier.parse(system, token.substring(bar + 1)).isPresent();
	}

	private PatientLookup() {}
}
