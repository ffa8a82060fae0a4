package no.dokumentdeling.mhd.find;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Turns the value of a {@code patient.identifier} search into a {@code patient} search value: each identifier
 * ({@code system|value}, or a bare fødselsnummer / D-nummer) is looked up once among the stored patients. A found
 * mapping is remembered: a fødselsnummer stays with its Patient (PatientIdentityInterceptor keeps it unique, and
 * patients are not deleted), so searches and ITI-65 need not look it up again. An identifier not found is not
 * remembered, so a patient created a moment later is found at once. An update of a Patient on this replica forgets
 * its mappings; another replica's entries expire after {@link #REMEMBERED}.
 */
@Component
@Interceptor
public class PatientResolver implements FhirInterceptor {

	/** How long another replica may go on using a mapping changed here (an identifier corrected on a Patient). */
	static final Duration REMEMBERED = Duration.ofMinutes(10);

	/**
	 * Never a stored id (HAPI ids are numeric or client-chosen [A-Za-z0-9-.]; no Patient is ever created with this
	 * one since patients are created by the server), so searching for it finds nothing: an unknown patient gives an
	 * empty searchset, as MHD asks, not an error.
	 */
	public static final String NO_SUCH_PATIENT = "Patient/unknown-patient";

	private final DaoRegistry daoRegistry;
	private final Cache<String, List<String>> known = Caffeine.newBuilder()
			.maximumSize(200_000).expireAfterWrite(REMEMBERED).build();

	public PatientResolver(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** A Patient's identifiers may be corrected: the old mappings to it are forgotten when it is written. */
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void forgetUpdated(IBaseResource previous, IBaseResource updated) {
		if (updated instanceof Patient patient) {
			String reference = "Patient/" + patient.getIdElement().getIdPart();
			known.asMap().values().removeIf(ids -> ids.contains(reference));
		}
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
		TokenParam token = identifier(identifier);
		String key = token.getSystem() + "|" + token.getValue();
		List<String> remembered = known.getIfPresent(key);
		if (remembered != null) {
			return remembered;
		}
		SearchParameterMap byIdentifier = SearchParameterMap.newSynchronous("identifier", token);
		byIdentifier.setLoadSynchronousUpTo(2);
		List<String> found = daoRegistry.getResourceDao(Patient.class).search(byIdentifier, new SystemRequestDetails())
				.getAllResourceIds().stream().map(id -> "Patient/" + id).toList();
		if (!found.isEmpty()) {
			known.put(key, found);
		}
		return found;
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
