package no.dokumentdeling.mhd.find;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.fhir.FhirServerProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A search for one patient's documents or lists whose whole answer fits in the page asked for is answered at once
 * (HAPI's synchronous search), without the stored search HAPI otherwise makes for paging: its HFJ_SEARCH rows, the
 * search thread and the owner row of {@code security.SearchPageOwnership}. One patient has few documents, so this is
 * nearly every ITI-66/67 search. Whether the answer fits is known at once when the patient has no more documents (or
 * lists) than the page holds ({@link PatientSubjectCounts}); otherwise it is asked with the database ids only, one
 * more than a page, counted as they stream. A search with more results keeps the stored search, whose page links
 * serve only its caller.
 *
 * <p>Runs after every hook that narrows the search ({@link #AFTER_NARROWING}), so it counts what the caller may see.
 */
@Component
@Interceptor
public class OnePageSearches implements FhirInterceptor {

	/** Hook order after the narrowing hooks of the access policy at the same pointcut. */
	public static final int AFTER_NARROWING = 1000;

	private static final Set<String> ONE_PATIENT_TYPES = Set.of("DocumentReference", "List");
	private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject");

	private final DaoRegistry daoRegistry;
	private final IHapiTransactionService transactions;
	private final PatientSubjectCounts subjectCounts;
	private final FhirServerProperties properties;

	public OnePageSearches(@Lazy DaoRegistry daoRegistry, @Lazy IHapiTransactionService transactions,
			PatientSubjectCounts subjectCounts, FhirServerProperties properties) {
		this.daoRegistry = daoRegistry;
		this.transactions = transactions;
		this.subjectCounts = subjectCounts;
		this.properties = properties;
	}

	@Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = AFTER_NARROWING)
	public void answerAtOnceIfOnePage(ICachedSearchDetails search, RequestDetails request, SearchParameterMap map) {
		if (!ONE_PATIENT_TYPES.contains(search.getResourceType()) || !namesOnePatient(map) || map.isLoadSynchronous()
				|| map.getLoadSynchronousUpTo() != null || map.isOffsetQuery() || map.getSearchTotalMode() != null
				|| map.isWantOnlyCount() || map.hasIncludes() || map.hasRevIncludes()) {
			return;
		}
		int page = map.getCount() == null ? properties.defaultPageSize() : Math.min(map.getCount(), properties.maxPageSize());
		Optional<String> patient = onlyPatient(map);
		if (patient.isPresent() && subjectCounts.ofPatient(search.getResourceType(), patient.get()) <= page) {
			map.setLoadSynchronous(true);
			return;
		}
		SearchParameterMap probe = map.clone();
		probe.setLoadSynchronous(true);
		probe.setLoadSynchronousUpTo(page + 1);
		probe.setSort(null);
		if (found(search.getResourceType(), probe, page + 1) <= page) {
			map.setLoadSynchronous(true);
		}
	}

	/**
	 * How many of the probe's matches there are, up to {@code limit}: a stream of database ids, since turning them into
	 * FHIR ids would cost a query of its own. (HAPI's {@code searchForIds} would also run the search hooks again, on a
	 * search they have already narrowed.)
	 */
	private long found(String resourceType, SearchParameterMap probe, int limit) {
		SystemRequestDetails system = new SystemRequestDetails();
		return transactions.withRequest(system).readOnly().execute(() -> {
			try (Stream<?> ids = daoRegistry.getResourceDao(resourceType).searchForIdStream(probe, system, null)) {
				return ids.limit(limit).count();
			}
		});
	}

	/**
	 * The id of the one Patient a clause of the search names as its subject: {@code patient}, or {@code subject} with
	 * the type given (an untyped {@code subject} could be another resource of the same id).
	 */
	static Optional<String> onlyPatient(SearchParameterMap map) {
		for (String name : PATIENT_PARAMETERS) {
			List<List<IQueryParameterType>> and = map.get(name);
			if (and == null) {
				continue;
			}
			for (List<IQueryParameterType> or : and) {
				if (or.size() == 1 && or.get(0) instanceof ReferenceParam reference && reference.getChain() == null
						&& reference.getIdPart() != null && ("Patient".equals(reference.getResourceType())
								|| ("patient".equals(name) && reference.getResourceType() == null))) {
					return Optional.of(reference.getIdPart());
				}
			}
		}
		return Optional.empty();
	}

	/** The search is narrowed to a single patient (after {@code patient.identifier} was resolved to it). */
	static boolean namesOnePatient(SearchParameterMap map) {
		for (String name : PATIENT_PARAMETERS) {
			List<List<IQueryParameterType>> and = map.get(name);
			if (and != null && and.stream().anyMatch(or -> or.size() == 1)) {
				return true;
			}
		}
		return false;
	}
}
