package no.dokumentdeling.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Which authenticated caller may do what, decided before HAPI runs the operation; a refusal is 403 with an
 * OperationOutcome that explains the rule, never whether a resource exists.
 * <ul>
 *   <li>ITI-65 (transaction), and Patient create/update: {@link Scopes#CREATE_DOCUMENTS}.
 *   <li>ITI-66/67 (List, DocumentReference) and Patient read/search: {@link Scopes#READ_DOCUMENT_REFERENCES};
 *       ITI-68 (Binary read): {@link Scopes#READ_DOCUMENT}. Both only for health personnel: security level 4, an
 *       HPR number, and trust-framework details naming legal entity, point of care and purpose of use.
 *   <li>{@link Scopes#CITIZEN}: DocumentReference, List and Binary of the token's {@code pid} only; a search must
 *       name the citizen's own patient. Consent (the citizen's sperring decisions): their own, and only they.
 *   <li>A Binary is readable only through a DocumentReference the caller may read that points at it.
 *   <li>Readers get no {@code _include}, {@code _revinclude}, {@code _has}, other chains, history, operations or
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
		if ("Consent".equals(request.getResourceName())) {
			authorizeConsent(request, caller, operation);
			return;
		}
		if (WRITES.contains(operation)) {
			requireScope(caller, Scopes.CREATE_DOCUMENTS, "Publishing documents (ITI-65) and registering patients");
			return;
		}
		String type = request.getResourceName();
		if ("AuditEvent".equals(type)) {
			requireScope(caller, Scopes.AUDIT, "Reading the audit trail");
			return;
		}
		if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER && "$innsynslogg".equals(request.getOperation())) {
			if (!caller.hasScope(Scopes.CITIZEN) && !caller.hasScope(Scopes.AUDIT)) {
				throw new ForbiddenOperationException("The innsynslogg needs the scope " + Scopes.CITIZEN + " or " + Scopes.AUDIT + ".");
			}
			return;
		}
		switch (operation) {
			case SEARCH_TYPE -> authorizeSearch(request, caller, type);
			case READ -> authorizeRead(request, caller, type);
			case GET_PAGE -> authorizeNextPage(caller);
			default -> throw new ForbiddenOperationException(
					"This interaction (" + operation.getCode() + ") is not available to callers of this server.");
		}
	}

	/**
	 * A second line for citizens, on what is about to be shown rather than on what was asked: every
	 * DocumentReference and List in a response must be theirs (a later page of someone else's search, or a search
	 * parameter this class did not foresee, ends here as a 403). Binaries have passed {@link BinaryGuard}.
	 */
	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void showCitizensOnlyTheirOwn(IPreResourceShowDetails details, RequestDetails request) {
		Caller caller = Callers.of(request).orElse(null);
		if (caller == null || !caller.hasScope(Scopes.CITIZEN) || caller.hasScope(Scopes.READ_DOCUMENT_REFERENCES)) {
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
		requireScope(caller, Scopes.CITIZEN, "Blocking documents or health personnel (Consent)");
		CitizenAccess.requirePid(caller);
		String id = request.getId() == null ? null : request.getId().getIdPart();
		switch (operation) {
			case CREATE -> { }
			case SEARCH_TYPE -> {
				SearchRestrictions.refusal(request.getParameters()).ifPresent(reason -> {
					throw new ForbiddenOperationException(reason);
				});
				CitizenAccess.requireOwnPatientSearch(caller, request.getParameters(), ownership);
			}
			case READ, UPDATE, DELETE -> CitizenAccess.requireOwnResource(caller, "Consent", id, ownership);
			default -> throw new ForbiddenOperationException(
					"This interaction (" + operation.getCode() + ") is not available on Consent.");
		}
	}

	private void authorizeSearch(RequestDetails request, Caller caller, String type) {
		SearchRestrictions.refusal(request.getParameters()).ifPresent(reason -> {
			throw new ForbiddenOperationException(reason);
		});
		if (isHealthPersonnelRead(caller, type)) {
			return;
		}
		if (caller.hasScope(Scopes.CITIZEN) && DOCUMENT_METADATA.contains(type)) {
			CitizenAccess.requireOwnPatientSearch(caller, request.getParameters(), ownership);
			return;
		}
		throw missingScope(type);
	}

	private void authorizeRead(RequestDetails request, Caller caller, String type) {
		String id = request.getId() == null ? null : request.getId().getIdPart();
		if ("Binary".equals(type)) {
			BinaryGuard.requireReadable(request, caller, id, ownership);
			return;
		}
		if (isHealthPersonnelRead(caller, type)) {
			return;
		}
		if (caller.hasScope(Scopes.CITIZEN) && DOCUMENT_METADATA.contains(type)) {
			CitizenAccess.requireOwnResource(caller, type, id, ownership);
			return;
		}
		throw missingScope(type);
	}

	/** Later pages of a search the caller was allowed to start. */
	private static void authorizeNextPage(Caller caller) {
		if (caller.hasScope(Scopes.READ_DOCUMENT_REFERENCES)) {
			HealthPersonnel.require(caller);
			return;
		}
		if (!caller.hasScope(Scopes.CITIZEN)) {
			throw new ForbiddenOperationException("Reading search results needs the scope "
					+ Scopes.READ_DOCUMENT_REFERENCES + " or " + Scopes.CITIZEN + ".");
		}
	}

	/** DocumentReference, List and Patient for health personnel: they may see any, subject to the Responder's filters. */
	private static boolean isHealthPersonnelRead(Caller caller, String type) {
		if (!caller.hasScope(Scopes.READ_DOCUMENT_REFERENCES)
				|| !(DOCUMENT_METADATA.contains(type) || "Patient".equals(type))) {
			return false;
		}
		HealthPersonnel.require(caller);
		return true;
	}

	static void requireScope(Caller caller, String scope, String what) {
		if (!caller.hasScope(scope)) {
			throw new ForbiddenOperationException(what + " needs the scope " + scope + ".");
		}
	}

	private static ForbiddenOperationException missingScope(String type) {
		String needed = switch (type == null ? "" : type) {
			case "DocumentReference", "List" -> Scopes.READ_DOCUMENT_REFERENCES + " (or " + Scopes.CITIZEN + " for one's own)";
			case "Patient" -> Scopes.READ_DOCUMENT_REFERENCES;
			default -> "a read scope of this server";
		};
		return new ForbiddenOperationException("Reading " + (type == null ? "this" : type) + " needs the scope " + needed + ".");
	}
}
