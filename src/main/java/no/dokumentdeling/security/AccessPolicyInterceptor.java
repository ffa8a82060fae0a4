package no.dokumentdeling.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Which operations each {@link Role} may call, decided before HAPI runs the operation; a refusal is 403 with an
 * OperationOutcome that explains the rule, never whether a resource exists. Which documents a caller then gets is
 * not decided here but by the document policy ({@code access.DocumentPolicy}).
 * <ul>
 *   <li>{@link Role#DOCUMENT_SOURCE}: ITI-65 (transaction), ITI-105 (DocumentReference create), withdrawing a
 *       document it published (DocumentReference update/patch, retraction.Retraction), Patient create/update.
 *   <li>Health personnel: ITI-66/67 (List, DocumentReference) and Patient read/search with {@link
 *       Scopes#READ_DOCUMENT_REFERENCES}, ITI-68 (Binary read) with {@link Scopes#READ_DOCUMENT}; only at security
 *       level 4, with an HPR number, and trust-framework details naming legal entity, point of care and purpose of
 *       use. A Patient search must name one person ({@link PatientLookup}).
 *   <li>{@link Role#CITIZEN}: DocumentReference, List and Binary reads and searches; a search must name the citizen's
 *       own patient. Consent (the citizen's sperring decisions): their own, and only they. Their innsynslogg.
 *   <li>{@link Role#AUDITOR}: AuditEvent search and read, any patient's innsynslogg.
 *   <li>{@link Role#FEDERATING_INDEX}: ITI-68 (Binary read) only, for the person its assertion names.
 *   <li>Nobody gets {@code _include}, {@code _revinclude}, {@code _has}, other chains, history, operations or
 *       batches.
 * </ul>
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessPolicyInterceptor implements FhirInterceptor {

	private static final Set<RestOperationTypeEnum> WRITES = Set.of(
			RestOperationTypeEnum.TRANSACTION,
			RestOperationTypeEnum.CREATE,
			RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.PATCH);

	private static final Set<String> DOCUMENT_METADATA = Set.of("DocumentReference", "List");

	private final OwnershipLookup ownership;

	public AccessPolicyInterceptor(OwnershipLookup ownership) {
		this.ownership = ownership;
	}

	/**
	 * Runs once HAPI knows the operation and before it parses a body or touches storage, so a caller without the
	 * right learns nothing from how the request would have been handled.
	 */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void authorize(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		Caller caller = Callers.of(request)
				.orElseThrow(() -> new ForbiddenOperationException("This request has no authenticated caller."));
		if (operation == null) {
			throw new ForbiddenOperationException("This request is not available to callers of this server.");
		}
		String type = request.getResourceName();
		if (caller.role() == Role.FEDERATING_INDEX) {
			if (!"Binary".equals(type) || operation != RestOperationTypeEnum.READ) {
				throw new ForbiddenOperationException("A federating index only retrieves documents (ITI-68).");
			}
			return;
		}
		if ("Consent".equals(type)) {
			authorizeConsent(request, caller, operation);
		} else if (WRITES.contains(operation)) {
			requireRole(caller, Role.DOCUMENT_SOURCE, "Publishing documents (ITI-65, ITI-105), withdrawing them and registering patients");
		} else if ("AuditEvent".equals(type)) {
			requireRole(caller, Role.AUDITOR, "Reading the audit trail");
		} else if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER && "$innsynslogg".equals(request.getOperation())) {
			if (caller.role() != Role.CITIZEN && caller.role() != Role.AUDITOR) {
				throw new ForbiddenOperationException("The innsynslogg is for the citizen and for auditors.");
			}
		} else if (operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.READ
				|| operation == RestOperationTypeEnum.GET_PAGE) {
			authorizeReading(request, caller, operation, type);
		} else {
			throw new ForbiddenOperationException(
					"This interaction (" + operation.getCode() + ") is not available to callers of this server.");
		}
	}

	/**
	 * A second line for citizens, on what a search is about to show rather than on what was asked: every
	 * DocumentReference and List in it must be theirs (a search parameter this class did not foresee ends here as a
	 * 403). A read of one resource is the document policy's: one the citizen may not see answers as unknown.
	 */
	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void showCitizensOnlyTheirOwn(IPreResourceShowDetails details, RequestDetails request) {
		Caller caller = Callers.of(request).orElse(null);
		if (caller == null || caller.role() != Role.CITIZEN || request.getRestOperationType() == RestOperationTypeEnum.READ) {
			return;
		}
		CitizenAccess.requireOwnResults(caller, details.getAllResources(), ownership);
	}

	/**
	 * A citizen's sperring decisions are theirs alone: they write, withdraw, read and search their own Consents; no
	 * one else reads them, so a blocked health person does not learn of the block. That a created or updated Consent
	 * is about the caller is checked on its body, before it is stored ({@code sperring.ConsentRulesInterceptor}).
	 */
	private void authorizeConsent(RequestDetails request, Caller caller, RestOperationTypeEnum operation) {
		requireRole(caller, Role.CITIZEN, "Blocking documents or health personnel (Consent)");
		CitizenAccess.requirePid(caller);
		String id = request.getId() == null ? null : request.getId().getIdPart();
		switch (operation) {
			case CREATE -> { }
			case SEARCH_TYPE -> {
				refuseSearchFeatures(request);
				CitizenAccess.requireOwnPatientSearch(caller, request.getParameters(), ownership);
			}
			case READ, UPDATE, DELETE -> CitizenAccess.requireOwnResource(caller, "Consent", id, ownership);
			default -> throw new ForbiddenOperationException(
					"This interaction (" + operation.getCode() + ") is not available on Consent.");
		}
	}

	private void authorizeReading(RequestDetails request, Caller caller, RestOperationTypeEnum operation, String type) {
		if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
			refuseSearchFeatures(request);
		}
		if (caller.role().isHealthPersonnel()) {
			authorizeHealthPersonnel(request, caller, operation, type);
		} else if (caller.role() == Role.CITIZEN && (operation == RestOperationTypeEnum.GET_PAGE
				|| DOCUMENT_METADATA.contains(type) || ("Binary".equals(type) && operation == RestOperationTypeEnum.READ))) {
			CitizenAccess.requirePid(caller);
			if (operation == RestOperationTypeEnum.SEARCH_TYPE) {
				CitizenAccess.requireOwnPatientSearch(caller, request.getParameters(), ownership);
			}
		} else {
			throw new ForbiddenOperationException("Reading " + (type == null ? "search results" : type)
					+ " is not available to a caller of role " + caller.role() + ".");
		}
	}

	/** Later pages continue a search the caller was allowed to start; who may read them is SearchPageOwnership's. */
	private static void authorizeHealthPersonnel(RequestDetails request, Caller caller, RestOperationTypeEnum operation,
			String type) {
		HealthPersonnel.require(caller);
		if ("Binary".equals(type) && operation == RestOperationTypeEnum.READ) {
			requireScope(caller, Scopes.READ_DOCUMENT, "Retrieving a document (ITI-68)");
			return;
		}
		if (operation != RestOperationTypeEnum.GET_PAGE && !DOCUMENT_METADATA.contains(type) && !"Patient".equals(type)) {
			throw new ForbiddenOperationException("Reading " + type + " is not available to health personnel.");
		}
		requireScope(caller, Scopes.READ_DOCUMENT_REFERENCES, "Finding and reading documents (ITI-66/67) and patients");
		if ("Patient".equals(type) && operation == RestOperationTypeEnum.SEARCH_TYPE) {
			PatientLookup.refusal(request.getParameters()).ifPresent(reason -> {
				throw new InvalidRequestException(reason);
			});
		}
	}

	private static void refuseSearchFeatures(RequestDetails request) {
		SearchRestrictions.refusal(request.getParameters()).ifPresent(reason -> {
			throw new ForbiddenOperationException(reason);
		});
	}

	private static void requireRole(Caller caller, Role role, String what) {
		if (caller.role() != role) {
			throw new ForbiddenOperationException(what + " is for the role " + role + " (scope "
					+ String.join(" ", role.scopes()) + "), not " + caller.role() + ".");
		}
	}

	/** Within a role, which operations the token asked for. */
	private static void requireScope(Caller caller, String scope, String what) {
		if (!caller.hasScope(scope)) {
			throw new ForbiddenOperationException(what + " needs the scope " + scope + ".");
		}
	}
}
