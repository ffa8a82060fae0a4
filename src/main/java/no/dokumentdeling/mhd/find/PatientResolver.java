package no.dokumentdeling.mhd.find;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Turns the value of a {@code patient.identifier} search into a {@code patient} search value: each identifier
 * ({@code system|value}, or a bare fødselsnummer / D-nummer) is looked up once among the stored patients.
 */
@Component
public class PatientResolver {

	/**
	 * Never a stored id (HAPI ids are numeric or client-chosen [A-Za-z0-9-.]; no Patient is ever created with this
	 * one since patients are created by the server), so searching for it finds nothing: an unknown patient gives an
	 * empty searchset, as MHD asks, not an error.
	 */
	public static final String NO_SUCH_PATIENT = "Patient/unknown-patient";

	private final DaoRegistry daoRegistry;

	public PatientResolver(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/**
	 * @param orList one search value: identifiers separated by commas (FHIR's OR)
	 * @return a {@code patient} search value naming every stored patient that has one of them
	 */
	public String resolveAnyOf(String orList) {
		Set<String> ids = new LinkedHashSet<>();
		for (String token : splitOr(orList)) {
			ids.addAll(stored(token));
		}
		return ids.isEmpty() ? NO_SUCH_PATIENT : String.join(",", ids);
	}

	/**
	 * @param identifier one identifier: {@code system|value}, or a bare fødselsnummer / D-nummer
	 * @return the stored patients that have it, as {@code Patient/{id}} (at most two are looked for: one is the
	 *     rule, two already tell that it is not unique)
	 */
	public List<String> stored(String identifier) {
		SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous("identifier", identifier(identifier));
		byIdentifier.setLoadSynchronousUpTo(2);
		return daoRegistry.getResourceDao(Patient.class).search(byIdentifier, new SystemRequestDetails())
				.getAllResourceIds().stream().map(id -> "Patient/" + id).toList();
	}

	/** {@code system|value} as given; a bare value is a Norwegian person number (fødselsnummer unless a D-nummer). */
	static TokenParam identifier(String token) {
		int bar = token.indexOf('|');
		if (bar >= 0) {
			String system = token.substring(0, bar);
			return new TokenParam(system.isEmpty() ? null : system, token.substring(bar + 1));
		}
		boolean dNummer = PersonIdentifier.parse(IdentifierSystems.FODSELSNUMMER, token).isEmpty()
				&& PersonIdentifier.parse(IdentifierSystems.D_NUMMER, token).isPresent();
		return new TokenParam(dNummer ? IdentifierSystems.D_NUMMER : IdentifierSystems.FODSELSNUMMER, token);
	}

	/** Splits on commas that FHIR does not escape ({@code \,} stays part of the value). */
	static List<String> splitOr(String value) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				current.append(value.charAt(++i));
			} else if (c == ',') {
				parts.add(current.toString());
				current.setLength(0);
			} else {
				current.append(c);
			}
		}
		parts.add(current.toString());
		return parts.stream().filter(p -> !p.isBlank()).toList();
	}
}
