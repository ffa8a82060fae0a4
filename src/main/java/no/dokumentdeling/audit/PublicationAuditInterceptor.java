package no.dokumentdeling.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.DeferredInterceptorBroadcasts;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Writes the ITI-65 (and ITI-105) audit record inside the database transaction that stores the bundle: HAPI calls this hook after
 * the last entry is written and before the commit. A publication and its record are committed together or not at
 * all, so no stored document lacks its record, no record names a publication that was rolled back, and a record
 * that cannot be written leaves nothing stored (the source gets 503).
 *
 * <p>The record is built from what this transaction created (HAPI's deferred pre-commit broadcasts hold each created
 * resource with its assigned id), not by reading the documents back.
 */
@Component
@Interceptor
public class PublicationAuditInterceptor implements FhirInterceptor {

	private final AuditTrail trail;

	public PublicationAuditInterceptor(AuditTrail trail) {
		this.trail = trail;
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSED)
	public void recordInTransaction(RequestDetails request, DeferredInterceptorBroadcasts broadcasts) {
		// ITI-105 is stored as the ITI-65 it stands for (mhd.provide.SimplifiedPublish), under its own request.
		MhdTransaction publication = request == null ? null : MhdTransaction.of(request).filter(MhdTransaction::publishes).orElse(null);
		if (publication == null) {
			return;
		}
		Set<String> patients = new LinkedHashSet<>();
		Set<String> documents = new LinkedHashSet<>();
		for (HookParams created : broadcasts.getDeferredInterceptorBroadcasts().get(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)) {
			if (created.get(IBaseResource.class) instanceof DocumentReference document) {
				documents.add("DocumentReference/" + document.getIdElement().getIdPart());
				addPatient(document.getSubject(), patients);
			}
		}
		String clientAddress = request instanceof ServletRequestDetails servlet ? servlet.getServletRequest().getRemoteAddr() : null;
		trail.record(new AuditRecord(publication, Callers.of(request), List.copyOf(patients),
				List.copyOf(documents), null, 200, null, clientAddress, Instant.now()));
	}

	private static void addPatient(Reference subject, Set<String> patients) {
		if (subject != null && "Patient".equals(subject.getReferenceElement().getResourceType())
				&& subject.getReferenceElement().hasIdPart()) {
			patients.add("Patient/" + subject.getReferenceElement().getIdPart());
		}
	}
}
