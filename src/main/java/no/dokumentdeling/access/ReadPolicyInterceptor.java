package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.util.Optional;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.mhd.DocumentsOfBinary;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.springframework.stereotype.Component;

/**
 * Carries the {@link DocumentPolicy}'s answer for one resource into a read. A hidden one is {@link
 * HiddenIsUnknown#answer()}; a withdrawn document, and its content, is 410.
 * <ul>
 *   <li>ITI-68 ({@code Binary} read): decided before HAPI touches the Binary, from the documents that point at it.
 *   <li>DocumentReference and List read: decided on the loaded resource, before the audit record is written and the
 *       answer leaves.
 * </ul>
 */
@Component
@Interceptor
public class ReadPolicyInterceptor implements FhirInterceptor {

	private final DocumentPolicy policy;
	private final DocumentsOfBinary documentsOfBinary;

	public ReadPolicyInterceptor(DocumentPolicy policy, DocumentsOfBinary documentsOfBinary) {
		this.policy = policy;
		this.documentsOfBinary = documentsOfBinary;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void decideContent(RequestDetails request) {
		Optional<Caller> caller = Callers.of(request);
		if (caller.isEmpty() || request.getRestOperationType() != RestOperationTypeEnum.READ
				|| !"Binary".equals(request.getResourceName()) || request.getId() == null) {
			return;
		}
		String binaryId = request.getId().getIdPart();
		switch (policy.ofContent(caller.get(), documentsOfBinary.pointingAt(request, binaryId))) {
			case HIDDEN -> throw HiddenIsUnknown.answer();
			case GONE -> throw new ResourceGoneException("Document Binary/" + binaryId
					+ " was withdrawn (entered-in-error) and is no longer available");
			case VISIBLE -> { }
		}
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -200)
	public boolean decideRead(RequestDetails request, ResponseDetails response) {
		Optional<Caller> caller = Callers.of(request);
		IBaseResource resource = response.getResponseResource();
		if (caller.isEmpty() || request.getRestOperationType() != RestOperationTypeEnum.READ) {
			return true;
		}
		Visibility visibility = resource instanceof DocumentReference document ? policy.ofDocument(caller.get(), document)
				: resource instanceof ListResource list ? policy.ofList(caller.get(), list)
				: Visibility.VISIBLE;
		if (visibility == Visibility.GONE) {
			throw new ResourceGoneException(resource.getIdElement().toUnqualifiedVersionless().getValue()
					+ " was withdrawn (entered-in-error) and is no longer available");
		}
		if (visibility != Visibility.VISIBLE) {
			throw HiddenIsUnknown.answer();
		}
		return true;
	}
}
