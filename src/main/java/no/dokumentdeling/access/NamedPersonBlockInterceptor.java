package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.mhd.find.PatientResolver;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import no.dokumentdeling.sperring.NamedPersonBlocks;
import org.springframework.stereotype.Component;

/**
 * A health person a citizen has blocked by name finds nothing about that citizen, emergency access or not: in a
 * DocumentReference or List search the blocked patient is replaced, in the database query, by a patient that does not
 * exist, so the answer is the same empty searchset as for a patient with no documents. Runs before {@link
 * SearchNarrowingInterceptor}, whose {@code NHN-SecurityLabel-Nors-Count} then counts nothing of that patient either.
 */
@Component
@Interceptor
public class NamedPersonBlockInterceptor implements FhirInterceptor {

	private static final Set<String> PATIENT_SCOPED = Set.of("DocumentReference", "List");
	private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject");

	private final NamedPersonBlocks blocks;

	public NamedPersonBlockInterceptor(NamedPersonBlocks blocks) {
		this.blocks = blocks;
	}

	@Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = -10)
	public void withoutBlockingPatients(ICachedSearchDetails search, RequestDetails request, SearchParameterMap map) {
		Optional<Caller> caller = Callers.of(request);
		if (!PATIENT_SCOPED.contains(search.getResourceType()) || caller.isEmpty() || !Readers.isHealthPersonnel(caller.get())) {
			return;
		}
		Set<String> blocking = blocks.patientsBlocking(caller.get().hprNumber());
		if (blocking.isEmpty()) {
			return;
		}
		for (String name : PATIENT_PARAMETERS) {
			List<List<IQueryParameterType>> and = map.get(name);
			if (and != null) {
				map.put(name, withoutBlocking(and, blocking));
			}
		}
	}

	/** Each blocking patient becomes the non-existent one; a condition left with only that one empties the search. */
	private static List<List<IQueryParameterType>> withoutBlocking(List<List<IQueryParameterType>> and, Set<String> blocking) {
		List<List<IQueryParameterType>> narrowed = new ArrayList<>();
		for (List<IQueryParameterType> or : and) {
			List<IQueryParameterType> allowed = new ArrayList<>();
			for (IQueryParameterType value : or) {
				boolean blocked = value instanceof ReferenceParam reference && reference.getChain() == null
						&& (reference.getResourceType() == null || "Patient".equals(reference.getResourceType()))
						&& blocking.contains(reference.getIdPart());
				if (!blocked) {
					allowed.add(value);
				}
			}
			if (allowed.isEmpty()) {
				return List.of(List.of(new ReferenceParam(PatientResolver.NO_SUCH_PATIENT)));
			}
			narrowed.add(allowed);
		}
		return narrowed;
	}
}
