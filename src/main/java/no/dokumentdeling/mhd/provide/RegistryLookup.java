package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/** What ITI-65 rules need to know about documents and patients already in the registry. */
@Component
public class RegistryLookup {

	private final DaoRegistry daoRegistry;

	public RegistryLookup(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	public Optional<DocumentReference> documentReference(String id) {
		return read(DocumentReference.class, id);
	}

	public Optional<Patient> patient(String id) {
		return read(Patient.class, id);
	}

	/** DocumentReferences whose masterIdentifier (or identifier) is {@code system|value}. */
	public List<DocumentReference> documentReferencesByIdentifier(String system, String value) {
		return search(DocumentReference.class, system, value);
	}

	public List<Patient> patientsByIdentifier(String system, String value) {
		return search(Patient.class, system, value);
	}

	private <T extends IBaseResource> Optional<T> read(Class<T> type, String id) {
		if (id == null || id.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(new IdType(id).toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}

	private <T extends IBaseResource> List<T> search(Class<T> type, String system, String value) {
		SearchParameterMap map = SearchParameterMap.newSynchronous("identifier", new TokenParam(system, value));
		return daoRegistry.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources().stream()
				.map(type::cast)
				.toList();
	}
}
