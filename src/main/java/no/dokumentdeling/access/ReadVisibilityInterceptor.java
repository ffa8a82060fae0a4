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
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The same visibility rules as {@link SearchNarrowingInterceptor}, for reading one DocumentReference or its document
 * (ITI-68). A hidden document answers exactly as one that does not exist. Runs before the audit record and before
 * the document bytes are streamed.
 */
@Component
@Interceptor
public class ReadVisibilityInterceptor implements FhirInterceptor {

	private final DocumentTypePolicy policy;
	private final DocumentsOfBinary documentsOfBinary;

	public ReadVisibilityInterceptor(DocumentTypePolicy policy, DocumentsOfBinary documentsOfBinary) {
		this.policy = policy;
		this.documentsOfBinary = documentsOfBinary;
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
			boolean sperret = hasLabel(document, SecurityLabelCodes.SPERRET);
			return policy.isVisible(caller, document) && (!sperret || Readers.isEmergency(caller));
		}
		if (Readers.isCitizen(caller)) {
			return document.getSecurityLabel().stream().flatMap(l -> l.getCoding().stream())
					.noneMatch(c -> SecurityLabelCodes.VOLVEN_9603.equals(c.getSystem())
							&& c.getCode() != null && c.getCode().startsWith(SecurityLabelCodes.NEKTING_PREFIX));
		}
		return true;
	}

	private static boolean hasLabel(DocumentReference document, String code) {
		return document.getSecurityLabel().stream().flatMap(l -> l.getCoding().stream())
				.anyMatch(c -> SecurityLabelCodes.VOLVEN_9603.equals(c.getSystem()) && code.equals(c.getCode()));
	}
}
