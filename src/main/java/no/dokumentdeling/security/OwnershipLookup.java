package no.dokumentdeling.security;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What the access rules need to know from storage, asked as the system (never as the caller, whose own request
 * is what is being decided): which Patients a citizen is, and whose a document, list or Consent is.
 */
@Component
public class OwnershipLookup {

	private final DaoRegistry daoRegistry;
	OwnershipLookup(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The ids of the Patients whose fødselsnummer or D-nummer is {@code pid}. */
	public Set<String> patientIdsOf(String pid) {
		TokenOrListParam identifiers = new TokenOrListParam()
				.add(IdentifierSystems.FODSELSNUMMER, pid)
				.add(IdentifierSystems.D_NUMMER, pid);
		return daoRegistry.getResourceDao(Patient.class)
				.search(SearchParameterMap.newSynchronous().add("identifier", identifiers), new SystemRequestDetails())
				.getAllResourceIds().stream()
				.map(id -> new IdType(id).getIdPart())
				.collect(Collectors.toSet());
	}

	/** The subject of a DocumentReference or List (the patient of a Consent), if it exists. */
	Optional<Reference> subjectOf(String resourceType, String id) {
		return switch (resourceType) {
			case "DocumentReference" -> read(DocumentReference.class, id).map(DocumentReference::getSubject);
			case "List" -> read(ListResource.class, id).map(ListResource::getSubject);
			case "Consent" -> read(Consent.class, id).map(Consent::getPatient);
			default -> Optional.empty();
		};
	}

	/** Whether {@code subject} is one of {@code patientIds}, or names the person {@code pid} by identifier. */
	public static boolean isOwnedBy(Reference subject, Set<String> patientIds, String pid) {
		if (subject == null) {
			return false;
		}
		if (subject.hasReferenceElement()) {
			IdType id = new IdType(subject.getReference());
			if ((!id.hasResourceType() || "Patient".equals(id.getResourceType())) && patientIds.contains(id.getIdPart())) {
				return true;
			}
		}
		return subject.hasIdentifier()
				&& IdentifierSystems.isPersonIdentifier(subject.getIdentifier().getSystem())
				&& pid.equals(subject.getIdentifier().getValue());
	}

	private <T extends IBaseResource> Optional<T> read(Class<T> type, String id) {
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(new IdType(id), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
