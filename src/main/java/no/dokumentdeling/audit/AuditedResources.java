package no.dokumentdeling.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import no.dokumentdeling.mhd.find.PatientResolver;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.mhd.DocumentsOfBinary;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Finds the patients and documents an answer concerns, for its audit record. */
@Component
public class AuditedResources {

	private final DaoRegistry daoRegistry;
	private final DocumentsOfBinary documentsOfBinary;
	private final PatientResolver patientResolver;

	public AuditedResources(@Lazy DaoRegistry daoRegistry, DocumentsOfBinary documentsOfBinary, PatientResolver patientResolver) {
		this.daoRegistry = daoRegistry;
		this.documentsOfBinary = documentsOfBinary;
		this.patientResolver = patientResolver;
	}

	/**
	 * A citizen's Consent change concerns the citizen and that Consent, whether or not the answer shows them (a
	 * delete answers with an OperationOutcome, a refusal with nothing).
	 */
	public void collectConsentChange(RequestDetails request, IBaseResource answer, Set<String> patients, Set<String> consents) {
		Callers.of(request).map(Caller::pid).filter(pid -> pid != null && !pid.isBlank())
				.ifPresent(pid -> patients.addAll(patientResolver.stored(pid)));
		IIdType id = answer instanceof Consent consent ? consent.getIdElement() : request.getId();
		if (id != null && id.hasIdPart()) {
			consents.add("Consent/" + id.getIdPart());
		}
	}

	public void collect(RequestDetails request, IBaseResource answer, Set<String> patients, Set<String> documents) {
		if (answer instanceof Bundle bundle) {
			bundle.getEntry().forEach(e -> collectResource(e.getResource(), patients, documents));
		} else if (answer instanceof Binary binary) {
			documentsOfBinary.pointingAt(request, binary.getIdElement().getIdPart())
					.forEach(r -> collectResource(r, patients, documents));
		} else {
			collectResource(answer, patients, documents);
		}
	}

	/** Those of {@code patients} that exist, so a refused call's record never points at nothing. */
	public List<String> existing(List<String> patients) {
		return patients.stream().filter(p -> read(Patient.class, p).isPresent()).toList();
	}

	private static void collectResource(IBaseResource resource, Set<String> patients, Set<String> documents) {
		if (resource instanceof DocumentReference document) {
			documents.add("DocumentReference/" + document.getIdElement().getIdPart());
			addPatient(document.getSubject(), patients);
		} else if (resource instanceof ListResource list) {
			addPatient(list.getSubject(), patients);
		}
	}

	private static void addPatient(Reference subject, Set<String> patients) {
		if (subject != null && subject.getReferenceElement().hasIdPart()
				&& "Patient".equals(subject.getReferenceElement().getResourceType())) {
			patients.add("Patient/" + subject.getReferenceElement().getIdPart());
		}
	}

	private <T extends IBaseResource> java.util.Optional<T> read(Class<T> type, String id) {
		try {
			return java.util.Optional.of(daoRegistry.getResourceDao(type).read(new IdType(id), new SystemRequestDetails()));
		} catch (ResourceNotFoundException | ResourceGoneException | IllegalArgumentException e) {
			return java.util.Optional.empty();
		}
	}
}
