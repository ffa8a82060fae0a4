package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.mhd.DocumentsOfBinary;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import no.dokumentdeling.sperring.NamedPersonBlocks;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The same visibility rules as {@link SearchNarrowingInterceptor} and {@link NamedPersonBlockInterceptor}, for
 * reading one DocumentReference, List or document (ITI-68). A hidden document answers exactly as one that does not exist. Runs before the audit record and before
 * the document bytes are streamed.
 */
@Component
@Interceptor
public class ReadVisibilityInterceptor implements FhirInterceptor {

	private final DocumentTypePolicy policy;
	private final DocumentsOfBinary documentsOfBinary;
	private final NamedPersonBlocks namedPersonBlocks;

	public ReadVisibilityInterceptor(
			DocumentTypePolicy policy, DocumentsOfBinary documentsOfBinary, NamedPersonBlocks namedPersonBlocks) {
		this.policy = policy;
		this.documentsOfBinary = documentsOfBinary;
		this.namedPersonBlocks = namedPersonBlocks;
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -200)
	public boolean refuseHidden(RequestDetails request, ResponseDetails response) {
		Optional<Caller> caller = Callers.of(request);
		IBaseResource resource = response.getResponseResource();
		if (caller.isEmpty()) {
			return true;
		}
		if (resource instanceof DocumentReference document && !isVisible(caller.get(), document)) {
			throw new ResourceNotFoundException(document.getIdElement().toUnqualifiedVersionless());
		}
		if (resource instanceof ListResource list && isBlockedPerson(caller.get(), list.getSubject())) {
			throw new ResourceNotFoundException(list.getIdElement().toUnqualifiedVersionless());
		}
		if (resource instanceof Binary binary && !isVisibleDocument(caller.get(), binary)) {
			if (Readers.isHealthPersonnel(caller.get())) {
				throw new ResourceNotFoundException(new IdType("Binary", binary.getIdElement().getIdPart()));
			}
			throw new ForbiddenOperationException("This document is not available to the caller.");
		}
		return true;
	}

	private boolean isVisibleDocument(Caller caller, Binary binary) {
		return documentsOfBinary.pointingAt(binary.getIdElement().getIdPart()).stream()
				.anyMatch(document -> isVisible(caller, document));
	}

	private boolean isVisible(Caller caller, DocumentReference document) {
		if (Readers.isHealthPersonnel(caller)) {
			boolean sperret = SecurityLabelCodes.carries(document, SecurityLabelCodes.SPERRET);
			return policy.isVisible(caller, document) && (!sperret || Readers.isEmergency(caller))
					&& !isBlockedPerson(caller, document.getSubject());
		}
		if (Readers.isCitizen(caller)) {
			return !SecurityLabelCodes.isNekting(document);
		}
		return true;
	}

	/** Whether the citizen this is about has blocked the calling health person by name. */
	private boolean isBlockedPerson(Caller caller, Reference subject) {
		if (!Readers.isHealthPersonnel(caller)) {
			return false;
		}
		var patient = subject.getReferenceElement();
		return "Patient".equals(patient.getResourceType())
				&& namedPersonBlocks.patientsBlocking(caller.hprNumber()).contains(patient.getIdPart());
	}
}
