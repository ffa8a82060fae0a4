package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.norway.DocumentTypeCodes;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.observability.DomainMetrics;
import no.dokumentdeling.observability.HiddenReason;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Narrows every DocumentReference search in the database query itself, so {@code _count}, paging and totals only
 * ever count what the caller may see:
 * <ul>
 *   <li>health personnel: the document categories of the policy, each within its age window; no {@code NORS}
 *       (sperret) document unless under emergency access. How many {@code NORS} documents the search would otherwise
 *       have found is answered in {@value #NORS_COUNT_HEADER}.
 *   <li>citizens: no {@code NORN_*} (nekting) document.
 * </ul>
 * Internal searches (no caller) are left alone. The age-window parameters ({@link AgeWindowSearchParameters}) are the
 * policy's own: a client that names one is answered as for any unknown parameter.
 */
@Component
@Interceptor
public class SearchNarrowingInterceptor implements FhirInterceptor {

	public static final String NORS_COUNT_HEADER = "NHN-SecurityLabel-Nors-Count";
	private static final String NARROWED_KEY = SearchNarrowingInterceptor.class.getName() + ".narrowed";
	private static final String SPERRET_SEARCH_KEY = SearchNarrowingInterceptor.class.getName() + ".sperretSearch";

	private final DocumentTypePolicy policy;
	private final SecurityLabelCodes labels;
	private final DaoRegistry daoRegistry;
	private final DomainMetrics metrics;

	public SearchNarrowingInterceptor(DocumentTypePolicy policy, SecurityLabelCodes labels, @Lazy DaoRegistry daoRegistry,
			DomainMetrics metrics) {
		this.policy = policy;
		this.labels = labels;
		this.daoRegistry = daoRegistry;
		this.metrics = metrics;
	}

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void narrow(ICachedSearchDetails search, RequestDetails request, SearchParameterMap map) {
		if (!"DocumentReference".equals(search.getResourceType())) {
			return;
		}
		Optional<Caller> caller = Callers.of(request);
		if (caller.isEmpty() || request.getUserData().put(NARROWED_KEY, Boolean.TRUE) != null) {
			return;
		}
		map.keySet().stream().filter(AgeWindowSearchParameters::isWindowCode).findFirst().ifPresent(name -> {
			throw new InvalidRequestException("Unknown search parameter \"" + name + "\" for resource type \"DocumentReference\"");
		});
		if (Readers.isHealthPersonnel(caller.get())) {
			TokenOrListParam categories = new TokenOrListParam();
			policy.visibleCategories(caller.get()).forEach(c -> categories.add(DocumentTypeCodes.SYSTEM, c));
			map.add("category", categories);
			policy.oldestVisible(caller.get()).forEach((category, oldest) -> map.add(AgeWindowSearchParameters.code(category),
					new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, oldest.truncatedTo(ChronoUnit.MILLIS).toString())));
			if (!Readers.isEmergency(caller.get())) {
				// Counted once the search itself is done: a search started from inside this hook disturbs the outer one.
				request.getUserData().put(SPERRET_SEARCH_KEY, map.clone());
				map.add("security-label", new TokenParam(SecurityLabelCodes.VOLVEN_9603, SecurityLabelCodes.SPERRET)
						.setModifier(TokenParamModifier.NOT));
			}
		} else if (Readers.isCitizen(caller.get())) {
			for (String code : labels.nektingCodes()) {
				map.add("security-label", new TokenParam(SecurityLabelCodes.VOLVEN_9603, code).setModifier(TokenParamModifier.NOT));
			}
		}
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean reportSperretCount(RequestDetails request, HttpServletResponse response) {
		if (request.getUserData().remove(SPERRET_SEARCH_KEY) instanceof SearchParameterMap search) {
			int sperret = countSperret(search);
			metrics.documentsHidden(HiddenReason.NORS, sperret);
			response.setHeader(NORS_COUNT_HEADER, String.valueOf(sperret));
		}
		return true;
	}

	/** The same search, but for the documents sperring hides: their number is all the caller learns of them. */
	private int countSperret(SearchParameterMap hidden) {
		hidden.setCount(null);
		hidden.setSort(null);
		hidden.setLoadSynchronous(true);
		boolean askedForSperret = hidden.get("security-label") != null && hidden.get("security-label").stream()
				.flatMap(List::stream)
				.anyMatch(p -> p instanceof TokenParam t && t.getModifier() == null
						&& SecurityLabelCodes.SPERRET.equals(t.getValue()));
		if (!askedForSperret) {
			hidden.add("security-label", new TokenParam(SecurityLabelCodes.VOLVEN_9603, SecurityLabelCodes.SPERRET));
		}
		return daoRegistry.getResourceDao(DocumentReference.class).search(hidden, new SystemRequestDetails()).getAllResourceIds().size();
	}
}
