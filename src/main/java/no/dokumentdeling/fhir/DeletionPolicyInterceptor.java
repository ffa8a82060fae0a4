package no.dokumentdeling.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.stereotype.Component;

/**
 * The one thing deleted through this server is a citizen's Consent (withdrawing a block). Documents are superseded,
 * never deleted; patients and the audit trail stay. Checked in storage, so no path around the REST allowlist
 * (a transaction, a future operation) deletes anything else.
 */
@Component
@Interceptor
public class DeletionPolicyInterceptor implements FhirInterceptor {

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void onlyConsents(IBaseResource resource) {
		if (!(resource instanceof Consent)) {
			throw new MethodNotAllowedException(resource.fhirType() + " resources cannot be deleted on this server.");
		}
	}
}
