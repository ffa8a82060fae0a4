package no.dokumentdeling.sperring;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** The active Consents that block documents (sperring of documents), by the documents they name. */
@Component
class DocumentBlocks {

	private final DaoRegistry daoRegistry;

	DocumentBlocks(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The active Consents naming any of these documents (DocumentReference ids) in {@code provision.data}. */
	List<Consent> activeBlocksOf(Collection<String> documentIds) {
		if (documentIds.isEmpty()) {
			return List.of();
		}
		ReferenceOrListParam documents = new ReferenceOrListParam();
		documentIds.forEach(id -> documents.addOr(new ReferenceParam("DocumentReference/" + id)));
		SearchParameterMap active = SearchParameterMap.newSynchronous()
				.add("data", documents)
				.add("status", new TokenParam(Consent.ConsentState.ACTIVE.toCode()));
		return daoRegistry.getResourceDao(Consent.class).search(active, new SystemRequestDetails()).getAllResources().stream()
				.map(Consent.class::cast)
				.toList();
	}
}
