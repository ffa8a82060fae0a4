package no.dokumentdeling.retraction;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import no.dokumentdeling.audit.AuditRecord;
import no.dokumentdeling.audit.AuditTrail;
import no.dokumentdeling.audit.DocumentRetraction;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.stereotype.Component;

/**
 * Puts {@link Retraction} into every PUT and PATCH of a DocumentReference (HAPI applies a PATCH, JSON Patch or FHIRPath
 * Patch, and hands the result to the same storage hook as a PUT), and records the retraction in the same database
 * transaction as the new status: a withdrawn document always has its record. Changes the server makes itself (an
 * ITI-65 replacement's supersede PATCH, sperring labels) are not requests of this kind and pass untouched.
 */
@Component
@Interceptor
public class RetractionInterceptor implements FhirInterceptor {

	private final Retraction retraction;
	private final AuditTrail trail;

	public RetractionInterceptor(Retraction retraction, AuditTrail trail) {
		this.retraction = retraction;
		this.trail = trail;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void onlyRetraction(IBaseResource stored, IBaseResource requested, RequestDetails request) {
		Optional<DocumentRetraction> interaction = request == null ? Optional.empty() : DocumentRetraction.of(request);
		Optional<Caller> caller = Callers.of(request);
		if (interaction.isEmpty() || caller.isEmpty() || !(stored instanceof DocumentReference before)
				|| !(requested instanceof DocumentReference after)) {
			return;
		}
		retraction.check(caller.get(), before, after);
		String patient = before.getSubject().getReferenceElement().getResourceType() == null ? null
				: "Patient/" + before.getSubject().getReferenceElement().getIdPart();
		String address = request instanceof ServletRequestDetails servlet ? servlet.getServletRequest().getRemoteAddr() : null;
		trail.record(new AuditRecord(interaction.get(), caller, patient == null ? List.of() : List.of(patient),
				List.of("DocumentReference/" + before.getIdElement().getIdPart()), null, 200, null, address, Instant.now()));
	}

	/** A PUT to an id that does not exist would create a document past every ITI-65 rule. */
	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void noCreateByUpdate(IBaseResource created, RequestDetails request) {
		if (created instanceof DocumentReference && request != null && DocumentRetraction.of(request).isPresent()) {
			throw new MethodNotAllowedException("[" + Retraction.RULE + "] A DocumentReference is published with ITI-65 "
					+ "or ITI-105, not created by PUT; PUT and PATCH only withdraw a published document.");
		}
	}
}
