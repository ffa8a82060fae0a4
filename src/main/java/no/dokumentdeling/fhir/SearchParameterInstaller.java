package no.dokumentdeling.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the SearchParameters of every {@link SearchParameterSource} under their own ids, so a restart or a second
 * replica finds them in place and only a new or changed definition is written again.
 *
 * <p>HAPI indexes a resource when it is written, so resources stored before a SearchParameter was added or changed
 * lack its index rows and a search on it would miss them. A start that writes SearchParameters therefore reindexes
 * all stored resources of their types, in one background job ({@link StoredResourceReindexing}); until the job has
 * passed a resource, searches that depend on a new parameter do not find it. HAPI's own
 * {@code markResourcesForReindexingUponSearchParameterChange} stays off (see {@link JpaPersistenceConfig}): it would
 * start one job per changed SearchParameter instead of one for all of them.
 */
@Component
public class SearchParameterInstaller {

	private static final Logger log = LoggerFactory.getLogger(SearchParameterInstaller.class);

	private final List<SearchParameterSource> sources;
	private final DaoRegistry daoRegistry;
	private final ISearchParamRegistry searchParamRegistry;
	private final StoredResourceReindexing reindexing;
	private final ReplicaStartLock startLock;
	private final IHapiTransactionService transactions;

	public SearchParameterInstaller(List<SearchParameterSource> sources, DaoRegistry daoRegistry,
			ISearchParamRegistry searchParamRegistry, StoredResourceReindexing reindexing, ReplicaStartLock startLock,
			IHapiTransactionService transactions) {
		this.transactions = transactions;
		this.startLock = startLock;
		this.sources = List.copyOf(sources);
		this.daoRegistry = daoRegistry;
		this.searchParamRegistry = searchParamRegistry;
		this.reindexing = reindexing;
	}

	@EventListener(ApplicationStartedEvent.class)
	@Order(0)
	public void install() {
		// Replicas starting together would write the same ids at once; one at a time, the later ones find them stored.
		startLock.runAlone(this::installAlone);
	}

	private void installAlone() {
		IFhirResourceDao<SearchParameter> dao = daoRegistry.getResourceDao(SearchParameter.class);
		SystemRequestDetails request = new SystemRequestDetails();
		Set<String> reindex = new TreeSet<>();
		List<String> installed = new ArrayList<>();
		long started = System.nanoTime();
		// One transaction: a start installs all of them or none, and HAPI flushes and commits once, not per parameter.
		transactions.withRequest(request).execute(() -> {
			for (SearchParameter wanted : wanted()) {
				if (!isStoredAsIs(dao, wanted, request)) {
					dao.update(wanted.copy(), request);
					wanted.getBase().stream().map(CodeType::getCode).forEach(reindex::add);
					installed.add(wanted.getUrl());
				}
			}
		});
		if (!installed.isEmpty()) {
			log.info("Installed {} SearchParameters in {} ms: {}", installed.size(),
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), installed);
		}
		searchParamRegistry.forceRefresh();
		if (!reindex.isEmpty()) {
			reindexing.reindex(reindex);
		}
	}

	/**
	 * Every source's SearchParameters, each id once. The same definition twice is one (a classpath may hold
	 * {@code ig/} more than once); two different ones under one id would overwrite each other on every start.
	 */
	private List<SearchParameter> wanted() {
		Map<String, SearchParameter> byId = new LinkedHashMap<>();
		for (SearchParameterSource source : sources) {
			for (SearchParameter parameter : source.searchParameters()) {
				SearchParameter previous = byId.putIfAbsent(parameter.getIdElement().getIdPart(), parameter);
				if (previous != null && !previous.equalsDeep(parameter)) {
					throw new IllegalStateException("SearchParameter/" + parameter.getIdElement().getIdPart()
							+ " has two different definitions (" + previous.getUrl() + ", " + parameter.getUrl()
							+ "); the second comes from " + source.getClass().getSimpleName());
				}
			}
		}
		return List.copyOf(byId.values());
	}

	private static boolean isStoredAsIs(IFhirResourceDao<SearchParameter> dao, SearchParameter wanted, SystemRequestDetails request) {
		try {
			SearchParameter stored = dao.read(wanted.getIdElement().toUnqualifiedVersionless(), request);
			stored.setMeta(null);
			stored.setId(wanted.getIdElement().toUnqualifiedVersionless());
			SearchParameter candidate = wanted.copy();
			candidate.setMeta(null);
			candidate.setId(wanted.getIdElement().toUnqualifiedVersionless());
			return stored.equalsDeep(candidate);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return false;
		}
	}
}
