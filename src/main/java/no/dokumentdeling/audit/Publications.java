package no.dokumentdeling.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Optional;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Who published a document, as the audit trail recorded it when the document was stored: the legal entity of the
 * successful ITI-65 or ITI-105 record that names the DocumentReference. That record is written in the same database
 * transaction as the document (PublicationAuditInterceptor), so every stored document has exactly one, and nothing a
 * source sends later (an author, a custodian) can change whose document it is.
 */
@Component
public class Publications {

	private final DaoRegistry daoRegistry;

	public Publications(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The organisasjonsnummer of the legal entity that published {@code DocumentReference/documentId}. */
	public Optional<String> publisherOf(String documentId) {
		SearchParameterMap map = SearchParameterMap.newSynchronous()
				.add("entity", new ReferenceParam("DocumentReference/" + documentId))
				.add("outcome", new TokenParam("0"))
				.add("subtype", new TokenOrListParam()
						.add(MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_65.code())
						.add(MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_105.code()));
		return daoRegistry.getResourceDao(AuditEvent.class).search(map, new SystemRequestDetails()).getAllResources().stream()
				.map(AuditEvent.class::cast)
				.flatMap(event -> event.getAgent().stream())
				.filter(Publications::isLegalEntity)
				.map(agent -> agent.getWho().getIdentifier())
				.filter(id -> IdentifierSystems.ORGANISASJONSNUMMER.equals(id.getSystem()) && id.hasValue())
				.map(id -> id.getValue())
				.findFirst();
	}

	private static boolean isLegalEntity(AuditEventAgentComponent agent) {
		return agent.getType().getCoding().stream().anyMatch(c -> AuditEventFactory.ROLE_SYSTEM.equals(c.getSystem())
				&& AuditEventFactory.LEGAL_ENTITY.equals(c.getCode()));
	}
}
