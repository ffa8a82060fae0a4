package no.dokumentdeling.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Lets through only the interactions MHD needs. Everything else HAPI's JPA providers would offer (history, delete,
 * patch, $operations, plain create of documents...) is refused before it reaches storage.
 *
 * <p>Documents, lists and binaries are written only through ITI-65 ({@code POST [base]} transaction) or ITI-105
 * (which is stored as the ITI-65 it stands for), so that every ITI-65 rule applies to every write; the one change of
 * a stored document is its withdrawal. A source may register or correct a patient directly.
 */
@Interceptor
public class ServedInteractionsInterceptor {

	private static final Set<RestOperationTypeEnum> SERVER_LEVEL =
			EnumSet.of(RestOperationTypeEnum.METADATA, RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.GET_PAGE);

	private static final Map<String, Set<RestOperationTypeEnum>> PER_TYPE = Map.of(
			"Patient", EnumSet.of(
					RestOperationTypeEnum.READ,
					RestOperationTypeEnum.SEARCH_TYPE,
					RestOperationTypeEnum.CREATE,
					RestOperationTypeEnum.UPDATE),
			// Create is ITI-105 Simplified Publish; update and patch only withdraw a document (retraction.Retraction).
			"DocumentReference", EnumSet.of(
					RestOperationTypeEnum.READ,
					RestOperationTypeEnum.SEARCH_TYPE,
					RestOperationTypeEnum.CREATE,
					RestOperationTypeEnum.UPDATE,
					RestOperationTypeEnum.PATCH),
			"List", EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.SEARCH_TYPE),
			"Binary", EnumSet.of(RestOperationTypeEnum.READ),
			"AuditEvent", EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.SEARCH_TYPE),
			// A citizen blocks with create and withdraws with delete (or an update of the status).
			"Consent", EnumSet.of(
					RestOperationTypeEnum.READ,
					RestOperationTypeEnum.SEARCH_TYPE,
					RestOperationTypeEnum.CREATE,
					RestOperationTypeEnum.UPDATE,
					RestOperationTypeEnum.DELETE));

	/** Server-level operations: the patient's innsynslogg (who read my documents). */
	private static final Set<String> OPERATIONS = Set.of("$innsynslogg");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void allowOnlyServedInteractions(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (isServed(request.getResourceName(), operation)) {
			return;
		}
		if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER && OPERATIONS.contains(request.getOperation())) {
			return;
		}
		String what = request.getResourceName() == null
				? String.valueOf(operation)
				: operation + " on " + request.getResourceName();
		throw new MethodNotAllowedException(
				"This server does not support " + what + ". Documents are published with ITI-65 (POST [base] with "
						+ "a transaction Bundle) and read with ITI-66/67/68.");
	}

	static boolean isServed(String resourceName, RestOperationTypeEnum operation) {
		if (operation == null) {
			return false;
		}
		if (SERVER_LEVEL.contains(operation)) {
			return true;
		}
		return resourceName != null && PER_TYPE.getOrDefault(resourceName, Set.of()).contains(operation);
	}
}
