package no.dokumentdeling.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * An audit record that names a resource does not keep that resource from being deleted: a citizen withdraws a
 * Consent by deleting it, and the records of its creation and withdrawal keep naming it. Today's records are in our
 * own table and hold no HAPI reference; those a 0.1 or 0.2 server stored as HAPI AuditEvents (copied into our table
 * by {@link AuditEventsFromHapiTables}) still have HAPI's reference rows, and must not block the delete either. Every
 * other reference still blocks a delete.
 */
@Component
@Interceptor
public class AuditReferencesDoNotBlockDeletion implements FhirInterceptor {

	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	public void ignoreAuditReferences(DeleteConflictList conflicts) {
		conflicts.removeIf(conflict -> "AuditEvent".equals(conflict.getSourceId().getResourceType()));
	}
}
