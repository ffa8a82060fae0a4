package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.springframework.stereotype.Component;

/**
 * Puts {@link DocumentPolicy#narrowSearch} into every DocumentReference and List search a caller starts, as HAPI
 * registers it (so the narrowed search is also what later pages continue), and answers {@value
 * DocumentPolicy#NORS_COUNT_HEADER} once the search is done. Internal searches (no caller) are left alone.
 */
@Component
@Interceptor
public class SearchPolicyInterceptor implements FhirInterceptor {

	private static final String NARROWED_KEY = SearchPolicyInterceptor.class.getName() + ".narrowed";

	private final DocumentPolicy policy;

	public SearchPolicyInterceptor(DocumentPolicy policy) {
		this.policy = policy;
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void narrow(ICachedSearchDetails search, RequestDetails request, SearchParameterMap map) {
		Optional<Caller> caller = Callers.of(request);
		// Once per request: the search a request registers is the one the policy narrows, whatever else it runs.
		if (caller.isEmpty() || request.getUserData().containsKey(NARROWED_KEY)) {
			return;
		}
		Optional<DocumentPolicy.SperretSearch> sperret = policy.narrowSearch(caller.get(), search.getResourceType(), map);
		request.getUserData().put(NARROWED_KEY, sperret);
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean reportSperretCount(RequestDetails request, HttpServletResponse response) {
		if (request.getUserData().get(NARROWED_KEY) instanceof Optional<?> sperret
				&& sperret.orElse(null) instanceof DocumentPolicy.SperretSearch search) {
			response.setHeader(DocumentPolicy.NORS_COUNT_HEADER, String.valueOf(policy.norsCount(search)));
		}
		return true;
	}
}
