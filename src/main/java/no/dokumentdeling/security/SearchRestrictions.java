package no.dokumentdeling.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Search features a reader may not use. {@code _include}/{@code _revinclude}, {@code _has}, {@code _contained} and
 * arbitrary chains reach resources the caller was never checked for (the classic leak of naive FHIR
 * authorization), and {@code _filter}/{@code _query} are open-ended. Only the chains MHD consumers need stay.
 */
final class SearchRestrictions {

	private static final Set<String> REFUSED_PREFIXES =
			Set.of("_include", "_revinclude", "_has", "_contained", "_filter", "_query");

	/** ITI-66/67 chains: the patient by identifier, and author / source person names. */
	private static final Set<String> ALLOWED_CHAINS =
			Set.of("patient.identifier", "author.given", "author.family", "source.given", "source.family");

	/** Why the parameters are refused, or empty if they may be used. */
	static Optional<String> refusal(Map<String, String[]> parameters) {
		for (String name : parameters.keySet()) {
			for (String refused : REFUSED_PREFIXES) {
				if (name.equals(refused) || name.startsWith(refused + ":")) {
					return Optional.of("The search parameter " + refused + " is not available.");
				}
			}
			if (name.contains(".") && !isAllowedChain(name)) {
				return Optional.of("Chained search is limited to " + String.join(", ", ALLOWED_CHAINS.stream().sorted().toList()) + ".");
			}
		}
		return Optional.empty();
	}

	private static boolean isAllowedChain(String name) {
		int modifier = name.indexOf(':');
		String chain = modifier < 0 ? name : name.substring(0, modifier);
		// A modifier is allowed after the chain (author.family:exact), never inside it (subject:Patient.identifier).
		return ALLOWED_CHAINS.contains(chain) && (modifier < 0 || modifier > name.lastIndexOf('.'));
	}

	private SearchRestrictions() {}
}
