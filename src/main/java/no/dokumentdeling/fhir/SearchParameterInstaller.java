package no.dokumentdeling.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the SearchParameters from {@code ig/} under their own ids, so a restart or a second replica finds them in
 * place and only a changed definition is written again.
 */
@Component
public class SearchParameterInstaller {

	private static final Logger log = LoggerFactory.getLogger(SearchParameterInstaller.class);

	private final ConformanceResources conformance;
	private final DaoRegistry daoRegistry;
	private final ISearchParamRegistry searchParamRegistry;

	public SearchParameterInstaller(
			ConformanceResources conformance, DaoRegistry daoRegistry, ISearchParamRegistry searchParamRegistry) {
		this.conformance = conformance;
		this.daoRegistry = daoRegistry;
		this.searchParamRegistry = searchParamRegistry;
	}

	@EventListener(ApplicationStartedEvent.class)
	@Order(0)
	public void install() {
		IFhirResourceDao<SearchParameter> dao = daoRegistry.getResourceDao(SearchParameter.class);
		SystemRequestDetails request = new SystemRequestDetails();
		for (SearchParameter wanted : conformance.searchParameters()) {
			if (!isStoredAsIs(dao, wanted, request)) {
				dao.update(wanted.copy(), request);
				log.info("Installed SearchParameter {}", wanted.getUrl());
			}
		}
		searchParamRegistry.forceRefresh();
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
