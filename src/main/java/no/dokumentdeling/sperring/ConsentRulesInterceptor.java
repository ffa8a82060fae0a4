package no.dokumentdeling.sperring;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.access.DocumentPolicy;
import no.dokumentdeling.access.Visibility;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * What a citizen may store as a Consent: a {@link SperringConsent} about themselves, blocking only documents they can
 * see. The patient is set by the server from the token's person id (a citizen may name themselves by reference or
 * identifier, or leave it out), so a Consent always names its Patient literally and the blocks can be looked up by
 * patient.
 */
@Component
@Interceptor
public class ConsentRulesInterceptor implements FhirInterceptor {

	static final String NOT_YOURS = "is not one of your documents.";

	private final CitizenPatients citizenPatients;
	private final DocumentPolicy policy;
	private final DaoRegistry daoRegistry;

	public ConsentRulesInterceptor(CitizenPatients citizenPatients, DocumentPolicy policy, @Lazy DaoRegistry daoRegistry) {
		this.citizenPatients = citizenPatients;
		this.policy = policy;
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource updated, RequestDetails request) {
		check(updated, request);
	}

	private void check(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Consent consent)) {
			return;
		}
		SperringConsent sperring = SperringConsent.of(consent);
		Optional<Caller> caller = Callers.of(request);
		if (caller.isEmpty()) {
			return;
		}
		String pid = caller.get().pid();
		if (pid == null || pid.isBlank()) {
			throw new ForbiddenOperationException("A Consent is written by the citizen it is about (helseid://claims/identity/pid).");
		}
		String patientId = citizenPatients.patientIdOf(pid);
		requireAboutCaller(consent.getPatient(), patientId, pid);
		consent.setPatient(new Reference("Patient/" + patientId));
		consent.getPatient().getIdentifier().setSystem(CitizenPatients.identifierSystemOf(pid)).setValue(pid);
		for (String documentId : sperring.documentIds()) {
			requireVisibleDocument(caller.get(), documentId);
		}
	}

	private static void requireAboutCaller(Reference patient, String patientId, String pid) {
		if (patient.hasReference()) {
			var id = patient.getReferenceElement();
			if (!"Patient".equals(id.getResourceType()) || !patientId.equals(id.getIdPart())) {
				throw new ForbiddenOperationException("A citizen may only write Consents about themselves.");
			}
		}
		if (patient.hasIdentifier() && !pid.equals(patient.getIdentifier().getValue())) {
			throw new ForbiddenOperationException("A citizen may only write Consents about themselves.");
		}
	}

	/**
	 * A citizen blocks only documents the document policy shows them: one withheld from them (nekting) or another
	 * patient's is answered as unknown.
	 */
	private void requireVisibleDocument(Caller caller, String documentId) {
		DocumentReference document;
		try {
			document = daoRegistry.getResourceDao(DocumentReference.class).read(new IdType("DocumentReference", documentId),
					new SystemRequestDetails());
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			throw SperringConsent.invalid("DocumentReference/" + documentId + " " + NOT_YOURS);
		}
		if (policy.ofDocument(caller, document) != Visibility.VISIBLE) {
			throw SperringConsent.invalid("DocumentReference/" + documentId + " " + NOT_YOURS);
		}
	}
}
