package no.dokumentdeling.sperring;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.norway.SecurityLabelCodes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentRelationshipType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A corrected document (ITI-65 replacement) of a document the citizen has blocked is blocked too: it is the same
 * document to the patient. The replacement is stored with {@code NORS}, and the blocking Consents are extended to
 * name it, so that withdrawing the block lifts both.
 */
@Component
@Interceptor
public class SperringFollowsReplacementInterceptor implements FhirInterceptor {

	private final DaoRegistry daoRegistry;
	private final DocumentBlocks blocks;

	public SperringFollowsReplacementInterceptor(@Lazy DaoRegistry daoRegistry, DocumentBlocks blocks) {
		this.daoRegistry = daoRegistry;
		this.blocks = blocks;
	}

	/** Before the replacement is stored: it carries the label from its first version on. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void labelReplacement(IBaseResource resource) {
		if (resource instanceof DocumentReference document && !blocksOfReplaced(document).isEmpty()) {
			SecurityLabelCodes.addSperret(document);
		}
	}

	/** Once the replacement has its id: the Consents that block the replaced document name it as well. */
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void extendConsents(IBaseResource resource) {
		if (!(resource instanceof DocumentReference document)) {
			return;
		}
		String replacement = "DocumentReference/" + document.getIdElement().getIdPart();
		for (Consent consent : blocksOfReplaced(document)) {
			consent.getProvision().addData().setMeaning(ConsentDataMeaning.INSTANCE).setReference(new Reference(replacement));
			daoRegistry.getResourceDao(Consent.class).update(consent, new SystemRequestDetails());
		}
	}

	/** The active Consents blocking a document this one replaces. */
	private List<Consent> blocksOfReplaced(DocumentReference document) {
		return blocks.activeBlocksOf(document.getRelatesTo().stream()
				.filter(r -> r.getCode() == DocumentRelationshipType.REPLACES)
				.map(r -> r.getTarget().getReferenceElement())
				.filter(id -> "DocumentReference".equals(id.getResourceType()) && id.hasIdPart())
				.map(id -> id.getIdPart())
				.distinct()
				.toList());
	}
}
