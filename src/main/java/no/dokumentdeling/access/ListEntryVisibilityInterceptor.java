package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.ListResource.ListEntryComponent;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A submission set or folder (ITI-66, List) shows the caller only the entries for documents they may see. Otherwise
 * its entries would name documents the caller may not know of: another category, outside its age window, sperret,
 * withheld from the citizen, withdrawn by its source. The List itself is unchanged in storage; only what is shown is narrowed.
 */
@Component
@Interceptor
public class ListEntryVisibilityInterceptor implements FhirInterceptor {

	private static final String DOCUMENT_REFERENCE = "DocumentReference";

	private final DocumentPolicy policy;
	private final DaoRegistry daoRegistry;

	public ListEntryVisibilityInterceptor(DocumentPolicy policy, @Lazy DaoRegistry daoRegistry) {
		this.policy = policy;
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void showOnlyVisibleEntries(IPreResourceShowDetails details, RequestDetails request) {
		Optional<Caller> caller = Callers.of(request);
		if (caller.isEmpty()) {
			return;
		}
		Predicate<DocumentReference> visibleTo = policy.visibleTo(caller.get()).and(d -> !DocumentPolicy.isWithdrawn(d));
		for (int i = 0; i < details.size(); i++) {
			if (details.getResource(i) instanceof ListResource list) {
				Set<String> named = list.getEntry().stream().map(ListEntryVisibilityInterceptor::documentId)
						.flatMap(Optional::stream).collect(Collectors.toSet());
				if (named.isEmpty()) {
					continue;
				}
				Set<String> visible = visibleOf(named, visibleTo);
				ListResource shown = list.copy();
				shown.getEntry().removeIf(entry -> documentId(entry).map(id -> !visible.contains(id)).orElse(false));
				details.setResource(i, shown);
			}
		}
	}

	private Set<String> visibleOf(Set<String> documentIds, Predicate<DocumentReference> visibleTo) {
		TokenOrListParam ids = new TokenOrListParam();
		documentIds.forEach(id -> ids.add(null, id));
		return daoRegistry.getResourceDao(DocumentReference.class)
				.search(SearchParameterMap.newSynchronous().add("_id", ids), new SystemRequestDetails()).getAllResources().stream()
				.map(DocumentReference.class::cast)
				.filter(visibleTo)
				.map(document -> document.getIdElement().getIdPart())
				.collect(Collectors.toSet());
	}

	private static Optional<String> documentId(ListEntryComponent entry) {
		var item = entry.getItem().getReferenceElement();
		return DOCUMENT_REFERENCE.equals(item.getResourceType()) && item.hasIdPart() ? Optional.of(item.getIdPart()) : Optional.empty();
	}
}
