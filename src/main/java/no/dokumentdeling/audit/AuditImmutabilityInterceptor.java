package no.dokumentdeling.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Component;

/**
 * AuditEvents are append-only: whatever path a write takes (REST, a transaction, a future operation), storage refuses
 * to change or remove one.
 */
@Component
@Interceptor
public class AuditImmutabilityInterceptor implements FhirInterceptor {

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void refuseUpdate(IBaseResource previous, IBaseResource updated) {
		if (previous instanceof AuditEvent) {
			throw new MethodNotAllowedException("AuditEvents cannot be changed.");
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void refuseDelete(IBaseResource resource) {
		if (resource instanceof AuditEvent) {
			throw new MethodNotAllowedException("AuditEvents cannot be deleted.");
		}
	}
}
