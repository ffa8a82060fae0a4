package no.dokumentdeling.mhd.find;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The ITI-66/67 patient rule. A DocumentReference or List search must name its patient (MHD lets no consumer search
 * across patients), and {@code patient.identifier=X} is answered by resolving the patient once and searching with
 * {@code patient=Patient/<id>}: one indexed lookup instead of a chained join through every document's reference.
 *
 * <p>The rewrite happens on the request parameters before HAPI binds them, so GET and POST {@code _search} (form
 * body) take the same path, and the search HAPI stores for paging holds the resolved patient.
 */
@Component
@Interceptor
@Order(100)
public class PatientScopedSearchInterceptor implements FhirInterceptor {

	/** The resource types whose searches are scoped to one patient: MHD's, and the citizen's own Consents. */
	static final Set<String> PATIENT_SCOPED = Set.of("DocumentReference", "List", "Consent");

	/** The chained forms of a patient search this class resolves itself. */
	static final Set<String> IDENTIFIER_CHAINS = Set.of(
			"patient.identifier", "patient:Patient.identifier", "subject.identifier", "subject:Patient.identifier");

	/** The direct forms of a patient search. */
	static final Set<String> NAMING = Set.of("patient", "subject", "patient:Patient", "subject:Patient");

	private final PatientResolver patients;

	public PatientScopedSearchInterceptor(PatientResolver patients) {
		this.patients = patients;
	}

	/**
	 * Runs once the operation is known and before HAPI turns the request parameters into method arguments (which it
	 * does before {@code SERVER_INCOMING_REQUEST_PRE_HANDLED}, too late for a rewrite). Security interceptors that
	 * look at the search later see the resolved {@code patient=Patient/<id>}.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean beforeBinding(RequestDetails request) {
		scopeToOnePatient(request, request.getRestOperationType());
		return true;
	}

	void scopeToOnePatient(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.SEARCH_TYPE || !PATIENT_SCOPED.contains(request.getResourceName())) {
			return;
		}
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
		if (parameters.entrySet().stream().noneMatch(e -> namesPatient(e.getKey(), e.getValue()))) {
			throw new InvalidRequestException("A " + request.getResourceName() + " search must name the patient with "
					+ "'patient', 'patient.identifier' or 'subject' (as IHE MHD ITI-66/ITI-67 ask); searching across patients "
					+ "is not offered.");
		}
		// The same condition twice (patient=X&patient=X, or patient=X plus a patient.identifier that resolves to X)
		// means it once; HAPI's query builder treats repeated identical AND values as a programming error.
		parameters.replaceAll((name, values) -> Arrays.stream(values).distinct().toArray(String[]::new));
		List<String> resolved = new ArrayList<>();
		for (String chain : IDENTIFIER_CHAINS) {
			String[] values = parameters.remove(chain);
			if (values != null) {
				Arrays.stream(values).map(patients::resolveAnyOf).forEach(resolved::add);
			}
		}
		if (!resolved.isEmpty()) {
			List<String> patientValues = new ArrayList<>(Arrays.asList(parameters.getOrDefault("patient", new String[0])));
			resolved.stream().filter(v -> !patientValues.contains(v)).forEach(patientValues::add);
			parameters.put("patient", patientValues.toArray(String[]::new));
		}
		request.setParameters(parameters);
	}

	/**
	 * A parameter that pins the search to named patients: {@code patient} or {@code subject} (optionally
	 * {@code :Patient}) or one of the {@link #IDENTIFIER_CHAINS}, with a non-blank value. Other forms name no patient
	 * ({@code patient:missing=false}, {@code patient.name=...} match across patients) and do not satisfy the rule.
	 */
	static boolean namesPatient(String parameter, String[] values) {
		boolean pins = NAMING.contains(parameter) || IDENTIFIER_CHAINS.contains(parameter);
		return pins && values != null && Arrays.stream(values).anyMatch(v -> v != null && !v.isBlank());
	}
}
