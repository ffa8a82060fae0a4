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
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.springframework.stereotype.Component;

/**
 * The same visibility rules as {@link SearchNarrowingInterceptor} and {@link NamedPersonBlockInterceptor}, for
 * reading one DocumentReference, List or document (ITI-68). A hidden document answers exactly as one that does not exist. Runs before the audit record and before
 * the document bytes are streamed.
 */
@Component
@Interceptor
public class ReadVisibilityInterceptor implements FhirInterceptor {

	private final DocumentVisibility visibility;
	private final DocumentsOfBinary documentsOfBinary;

	public ReadVisibilityInterceptor(DocumentVisibility visibility, DocumentsOfBinary documentsOfBinary) {
		this.visibility = visibility;
		this.documentsOfBinary = documentsOfBinary;
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -200)
	public boolean refuseHidden(RequestDetails request, ResponseDetails response) {
		Optional<Caller> caller = Callers.of(request);
		IBaseResource resource = response.getResponseResource();
		if (caller.isEmpty()) {
			return true;
		}
		if (resource instanceof DocumentReference document && !visibility.isVisible(caller.get(), document)) {
			throw new ResourceNotFoundException(document.getIdElement().toUnqualifiedVersionless());
		}
		if (resource instanceof ListResource list && visibility.isBlockedPerson(caller.get(), list.getSubject())) {
			throw new ResourceNotFoundException(list.getIdElement().toUnqualifiedVersionless());
		}
		if (resource instanceof Binary binary && !isVisibleDocument(request, caller.get(), binary)) {
			if (Readers.isHealthPersonnel(caller.get())) {
				throw new ResourceNotFoundException(new IdType("Binary", binary.getIdElement().getIdPart()));
			}
			throw new ForbiddenOperationException("This document is not available to the caller.");
		}
		return true;
	}

	private boolean isVisibleDocument(RequestDetails request, Caller caller, Binary binary) {
		return documentsOfBinary.pointingAt(request, binary.getIdElement().getIdPart()).stream()
				.anyMatch(visibility.visibleTo(caller));
	}
}
