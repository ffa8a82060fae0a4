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
 * body) take the same path, and the paging links HAPI stores carry the resolved patient.
 */
@Component
@Interceptor
@Order(100)
public class PatientScopedSearchInterceptor implements FhirInterceptor {

	/** The resource types whose searches MHD scopes to one patient. */
	static final Set<String> PATIENT_SCOPED = Set.of("DocumentReference", "List");

	/** The chained forms of a patient search this class resolves itself. */
	static final Set<String> IDENTIFIER_CHAINS = Set.of(
			"patient.identifier", "patient:Patient.identifier", "subject.identifier", "subject:Patient.identifier");

	private final PatientResolver patients;

	public PatientScopedSearchInterceptor(PatientResolver patients) {
		this.patients = patients;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void scopeToOnePatient(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.SEARCH_TYPE || !PATIENT_SCOPED.contains(request.getResourceName())) {
			return;
		}
		Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
		if (parameters.keySet().stream().noneMatch(PatientScopedSearchInterceptor::namesPatient)) {
			throw new InvalidRequestException("A " + request.getResourceName() + " search must name the patient with "
					+ "'patient', 'patient.identifier' or 'subject' (IHE MHD ITI-66/ITI-67); searching across patients "
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

	/** {@code patient}, {@code subject}, any modifier of them ({@code patient:Patient}) or any chain from them. */
	static boolean namesPatient(String parameter) {
		String base = parameter.split("[:.]", 2)[0];
		return base.equals("patient") || base.equals("subject");
	}
}
