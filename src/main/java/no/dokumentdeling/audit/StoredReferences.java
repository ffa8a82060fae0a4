package no.dokumentdeling.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Tells HAPI the storage ids of the patients and documents an audit record names, so that storing the record does not
 * look each reference up in the database (HAPI resolves every indexed reference of a new resource, one query per
 * reference, and never from its cache while deletes are enabled). Ids come from the resources the call had at hand
 * ({@link KnownStorageIds}) or else from HAPI's id cache, one batched lookup for those not cached yet. Only Patients
 * and DocumentReferences are resolved here, the resources this server never deletes (PatientResolver, the deletion
 * policy): a reference to anything else (a Consent, which a citizen may delete) is still resolved and checked by
 * HAPI as it stores the record.
 */
@Component
public class StoredReferences {

	private static final Set<String> NEVER_DELETED = Set.of("Patient", "DocumentReference");

	private final IIdHelperService<JpaPid> idHelper;

	public StoredReferences(@Lazy IIdHelperService<JpaPid> idHelper) {
		this.idHelper = idHelper;
	}

	/** The transaction details to store {@code event} with: its Patient and DocumentReference references resolved. */
	public TransactionDetails resolved(AuditEvent event, KnownStorageIds known) {
		Map<String, IIdType> references = new LinkedHashMap<>();
		event.getEntity().forEach(entity -> add(entity.getWhat(), references));
		event.getAgent().forEach(agent -> add(agent.getWho(), references));
		TransactionDetails details = new TransactionDetails();
		List<IIdType> unknown = new ArrayList<>();
		references.forEach((value, id) -> known.pidOf(value).ifPresentOrElse(
				pid -> details.addResolvedResourceId(id, pid), () -> unknown.add(id)));
		if (!unknown.isEmpty()) {
			Map<IIdType, IResourceLookup<JpaPid>> found = idHelper.resolveResourceIdentities(
					RequestPartitionId.allPartitions(), unknown, ResolveIdentityMode.includeDeleted().cacheOk());
			found.forEach((id, lookup) -> {
				if (lookup.getDeleted() == null && id.getResourceType().equals(lookup.getResourceType())) {
					details.addResolvedResourceId(id, lookup.getPersistentId());
				}
			});
		}
		return details;
	}

	private static void add(Reference reference, Map<String, IIdType> references) {
		if (reference == null || !reference.hasReference()) {
			return;
		}
		IdType id = new IdType(reference.getReference());
		if (!id.hasBaseUrl() && id.hasIdPart() && !id.hasVersionIdPart() && NEVER_DELETED.contains(id.getResourceType())) {
			references.putIfAbsent(id.getValue(), id);
		}
	}
}
