package no.dokumentdeling.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Set;
import java.util.stream.Collectors;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which citizens have blocked a named health person. Asked from the database on every read by health personnel
 * rather than cached, so a block or its withdrawal holds at once on every replica.
 */
@Component
public class NamedPersonBlocks {

	private final DaoRegistry daoRegistry;

	public NamedPersonBlocks(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The ids of the Patients with an active Consent that blocks the person with this HPR number. */
	public Set<String> patientsBlocking(String hprNumber) {
		if (hprNumber == null || hprNumber.isBlank()) {
			return Set.of();
		}
		SearchParameterMap blocks = SearchParameterMap.newSynchronous()
				.add("actor-identifier", new TokenParam(IdentifierSystems.HPR_NUMMER, hprNumber))
				.add("status", new TokenParam(Consent.ConsentState.ACTIVE.toCode()));
		var found = daoRegistry.getResourceDao(Consent.class).search(blocks, new SystemRequestDetails());
		return found.getAllResources().stream()
				.map(Consent.class::cast)
				.map(consent -> consent.getPatient().getReferenceElement())
				.filter(id -> "Patient".equals(id.getResourceType()))
				.map(id -> id.getIdPart())
				.collect(Collectors.toUnmodifiableSet());
	}
}
