package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * The one answer to a read of a DocumentReference, List or Binary that the caller does not get, whether it does not
 * exist or the {@link DocumentPolicy} hides it: 404 with one fixed OperationOutcome ({@code not-found}, {@link
 * #TEXT}) that names no id. Otherwise a caller could tell a hidden document from an unknown one by HAPI's own
 * message (HAPI-2001 for an unknown id, HAPI-0971 for one refused later), and so learn that it exists.
 */
@Component
@Interceptor
public class HiddenIsUnknown implements FhirInterceptor {

	public static final String TEXT = "No such resource is available to the caller.";

	private static final Set<String> DOCUMENT_TYPES = Set.of("DocumentReference", "List", "Binary");

	/** The answer, for the policy's adapters to throw. */
	public static ResourceNotFoundException answer() {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.NOTFOUND).setDiagnostics(TEXT);
		return new ResourceNotFoundException(TEXT, outcome);
	}

	/** HAPI's own "not known" for an id that does not exist becomes the same answer as a hidden one. */
	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException unknownAsHidden(RequestDetails request, Throwable exception) {
		boolean documentRead = request != null
				&& (request.getRestOperationType() == RestOperationTypeEnum.READ
						|| request.getRestOperationType() == RestOperationTypeEnum.VREAD)
				&& DOCUMENT_TYPES.contains(request.getResourceName());
		return documentRead && exception instanceof ResourceNotFoundException ? answer() : null;
	}
}
