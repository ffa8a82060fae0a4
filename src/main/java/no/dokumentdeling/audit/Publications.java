package no.dokumentdeling.audit;

import java.util.List;
import java.util.Optional;
import no.dokumentdeling.audit.AuditEventQuery.KeyMatch;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.springframework.stereotype.Component;

/**
 * Who published a document, as the audit trail recorded it when the document was stored: the legal entity of the
 * successful ITI-65 or ITI-105 record that names the DocumentReference. That record is written in the same database
 * transaction as the document (PublicationAuditInterceptor), so every stored document has exactly one, and nothing a
 * source sends later (an author, a custodian) can change whose document it is.
 */
@Component
public class Publications {

	private final AuditEventTable table;

	public Publications(AuditEventTable table) {
		this.table = table;
	}

	/** The organisasjonsnummer of the legal entity that published {@code DocumentReference/documentId}. */
	public Optional<String> publisherOf(String documentId) {
		AuditEventQuery publication = AuditEventQuery.all(2)
				.where(List.of(KeyMatch.exactly(AuditSearchKey.ENTITY, "DocumentReference", documentId)))
				.where(List.of(KeyMatch.exactly(AuditSearchKey.OUTCOME, null, "0")))
				.where(List.of(KeyMatch.exactly(AuditSearchKey.SUBTYPE, MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_65.code()),
						KeyMatch.exactly(AuditSearchKey.SUBTYPE, MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_105.code())));
		return table.search(publication).stream()
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
