package no.dokumentdeling.security.dev;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;

/**
 * What a dev token is for ({@code make token ROLE=... HPR=... PURPOSE=... SCOPE=...}, or {@code GET /dev/token?...}):
 * a role, and for health personnel who they are, why they read (purpose of use) and whether under the Kjernejournal
 * regulation. Validated here, so a mistyped value is refused instead of giving a token that silently does less.
 *
 * @param role {@code source}, {@code gp}, {@code citizen} or {@code auditor}
 * @param patient the citizen's fødselsnummer or D-nummer (role {@code citizen} only)
 * @param hpr the health person's HPR number (role {@code gp}; default the dev GP's)
 * @param name the person's name
 * @param purposeOfUse the trust framework's purpose of use (role {@code gp}): {@code TREAT} or {@code ETREAT}
 * @param kjernejournalforskriften whether the token has the Kjernejournal regulation's read scope (role {@code gp})
 * @param jkt the thumbprint of a DPoP key to bind the token to ({@code cnf.jkt}); then it is sent as {@code DPoP}
 */
public record DevTokenRequest(String role, String patient, String hpr, String name, String purposeOfUse,
		boolean kjernejournalforskriften, String jkt) {

	/** The dev GP's HPR number; {@code testdata/sperring-helsepersonell.json} blocks exactly this person. */
	public static final String DEV_GP_HPR = "9144990";

	static final Set<String> ROLES = Set.of("source", "gp", "citizen", "auditor");
	static final Set<String> PURPOSES = Set.of("TREAT", "ETREAT");
	static final String KJERNEJOURNALFORSKRIFTEN = "kjernejournalforskriften";
	private static final Pattern HPR = Pattern.compile("[0-9]{4,9}");
	private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

	public DevTokenRequest {
		require(role != null && ROLES.contains(role), "role must be one of " + ROLES + ", not " + role);
		if ("citizen".equals(role)) {
			require(patient != null && (PersonIdentifier.parse(IdentifierSystems.FODSELSNUMMER, patient).isPresent()
					|| PersonIdentifier.parse(IdentifierSystems.D_NUMMER, patient).isPresent()),
					"role citizen needs patient=<a valid fødselsnummer or D-nummer>");
		} else {
			require(patient == null, "patient is for role citizen only");
		}
		boolean gp = "gp".equals(role);
		require(gp || hpr == null && purposeOfUse == null && !kjernejournalforskriften,
				"hpr, purpose and scope are for role gp only");
		hpr = gp && hpr == null ? DEV_GP_HPR : hpr;
		require(hpr == null || HPR.matcher(hpr).matches(), "hpr must be an HPR number (4 to 9 digits), not " + hpr);
		purposeOfUse = gp && purposeOfUse == null ? "TREAT" : purposeOfUse;
		require(purposeOfUse == null || PURPOSES.contains(purposeOfUse),
				"purpose must be one of " + PURPOSES + ", not " + purposeOfUse);
		require(jkt == null || THUMBPRINT.matcher(jkt).matches(), "jkt must be a base64url SHA-256 JWK thumbprint");
	}

	/**
	 * From named values ({@code role}, {@code patient}, {@code hpr}, {@code name}, {@code purpose}, {@code scope},
	 * {@code jkt}); a blank value counts as absent, so unset make variables can be passed as they are.
	 */
	public static DevTokenRequest of(Map<String, String> values) {
		Set<String> known = Set.of("role", "patient", "hpr", "name", "purpose", "scope", "jkt");
		values.keySet().forEach(key -> require(known.contains(key), "unknown parameter " + key + "; known: " + known));
		String scope = value(values, "scope");
		require(scope == null || KJERNEJOURNALFORSKRIFTEN.equals(scope),
				"scope may only be " + KJERNEJOURNALFORSKRIFTEN + " (the role gives the others), not " + scope);
		String purpose = value(values, "purpose");
		return new DevTokenRequest(value(values, "role"), value(values, "patient"), value(values, "hpr"),
				value(values, "name"), purpose == null ? null : purpose.toUpperCase(Locale.ROOT),
				scope != null, value(values, "jkt"));
	}

	private static String value(Map<String, String> values, String key) {
		String value = values.get(key);
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}
}
