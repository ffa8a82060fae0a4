package no.dokumentdeling.audit;

import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The storage ids (HAPI's resource PIDs) of resources a call already holds, by {@code Type/id}: HAPI puts the PID on
 * every resource it loads or stores, so the audit record of an answer or a publication names them without a lookup.
 */
public final class KnownStorageIds {

	private final Map<String, JpaPid> byReference = new HashMap<>();

	public static KnownStorageIds none() {
		return new KnownStorageIds();
	}

	/** Remembers the PID of {@code resource}, if HAPI put one on it. */
	public KnownStorageIds add(IBaseResource resource) {
		JpaPid pid = resource == null ? null : IDao.RESOURCE_PID.get(resource);
		if (pid != null && resource.getIdElement().hasIdPart()) {
			String type = resource.getIdElement().hasResourceType()
					? resource.getIdElement().getResourceType() : resource.fhirType();
			byReference.put(type + "/" + resource.getIdElement().getIdPart(), pid);
		}
		return this;
	}

	Optional<JpaPid> pidOf(String reference) {
		return Optional.ofNullable(byReference.get(reference));
	}
}
