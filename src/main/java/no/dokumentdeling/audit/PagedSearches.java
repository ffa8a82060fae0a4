package no.dokumentdeling.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which search a request for a later page continues ({@code _getpages}), from the search HAPI stored: its
 * transaction (ITI-67 for DocumentReference, ITI-66 for List) and the patients it named. Lets a refused page request
 * (someone else's page link) be audited as the attempt it is, even though no results tell what it was.
 */
@Component
class PagedSearches {

	/** @param transaction the search's MHD transaction
	 * @param patients the patients the search named, as {@code Patient/{id}} */
	record PagedSearch(MhdTransaction transaction, List<String> patients) {}

	private final ISearchCacheSvc searches;

	PagedSearches(@Lazy ISearchCacheSvc searches) {
		this.searches = searches;
	}

	Optional<PagedSearch> of(RequestDetails request) {
		String[] uuid = request.getParameters().get("_getpages");
		if (request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE || uuid == null || uuid.length != 1) {
			return Optional.empty();
		}
		return searches.fetchByUuid(uuid[0], RequestPartitionId.defaultPartition())
				.flatMap(search -> MhdTransaction.of(RestOperationTypeEnum.SEARCH_TYPE, search.getResourceType())
						.map(transaction -> new PagedSearch(transaction, patientsOf(search))));
	}

	/** From the query HAPI keeps with the search (it keeps the parsed parameters only for some searches). */
	private static List<String> patientsOf(Search search) {
		String query = search.getSearchQueryString();
		return query == null ? List.of() : RequestedPatients.named(UrlUtil.parseQueryString(query));
	}
}
