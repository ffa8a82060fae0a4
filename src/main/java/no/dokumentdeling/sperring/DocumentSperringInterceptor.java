package no.dokumentdeling.sperring;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.access.SperretPatients;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.norway.SecurityLabelCodes;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Makes a citizen's sperring of documents take effect: while an active Consent blocks a document, the document carries
 * the Volven 9603 label {@code NORS}, so the same database-side narrowing, {@code NHN-SecurityLabel-Nors-Count} and
 * emergency access apply as for a document its source published as sperret. Runs in the Consent's own transaction:
 * the decision and its effect are stored together or not at all.
 *
 * <p>Withdrawing the last active block of a document lifts {@code NORS} even if its source had set it: sperring is
 * the patient's decision, and the newest one stands.
 */
@Component
@Interceptor
public class DocumentSperringInterceptor implements FhirInterceptor {

	private final DaoRegistry daoRegistry;
	private final DocumentBlocks blocks;
	private final SperretPatients sperretPatients;

	public DocumentSperringInterceptor(@Lazy DaoRegistry daoRegistry, DocumentBlocks blocks, SperretPatients sperretPatients) {
		this.daoRegistry = daoRegistry;
		this.blocks = blocks;
		this.sperretPatients = sperretPatients;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof Consent consent) {
			apply(consent.getIdElement().getIdPart(), Set.of(), SperringConsent.of(consent));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource updated) {
		if (previous instanceof Consent before && updated instanceof Consent after) {
			apply(after.getIdElement().getIdPart(), Set.copyOf(SperringConsent.of(before).documentIds()), SperringConsent.of(after));
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		if (resource instanceof Consent consent) {
			SperringConsent withdrawn = SperringConsent.of(consent);
			apply(consent.getIdElement().getIdPart(), Set.copyOf(withdrawn.documentIds()),
					new SperringConsent(false, withdrawn.documentIds(), withdrawn.hprNumbers()));
		}
	}

	/** Brings each document the Consent names, before or now, in line with every active block of it. */
	private void apply(String consentId, Set<String> namedBefore, SperringConsent now) {
		Set<String> affected = new LinkedHashSet<>(namedBefore);
		affected.addAll(now.documentIds());
		for (String documentId : affected) {
			boolean blocked = (now.active() && now.documentIds().contains(documentId)) || blockedByAnother(documentId, consentId);
			label(documentId, blocked);
		}
	}

	private boolean blockedByAnother(String documentId, String consentId) {
		return blocks.activeBlocksOf(List.of(documentId)).stream()
				.anyMatch(consent -> !consent.getIdElement().getIdPart().equals(consentId));
	}

	private void label(String documentId, boolean sperret) {
		IFhirResourceDao<DocumentReference> documents = daoRegistry.getResourceDao(DocumentReference.class);
		SystemRequestDetails system = new SystemRequestDetails();
		DocumentReference document = documents.read(new IdType("DocumentReference", documentId), system);
		if (SecurityLabelCodes.carries(document, SecurityLabelCodes.SPERRET) == sperret) {
			return;
		}
		if (sperret) {
			SecurityLabelCodes.addSperret(document);
			sperretPatients.recordIfSperret(document);
		} else {
			SecurityLabelCodes.removeSperret(document);
		}
		documents.update(document, system);
	}
}
