package no.dokumentdeling.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.IdType;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * ITI-68: a Binary's bytes go only to a caller who may read a DocumentReference whose attachment URL points at it.
 * The documents are looked up server-side. For a citizen an unknown Binary, one no document points at and someone
 * else's all get the same 403; for health personnel an unknown Binary and a hidden one get the same 404. Either way
 * guessing Binary ids reveals nothing.
 */
final class BinaryGuard {

	static final String REFUSED =
			"A document's content is available only to callers who may read a DocumentReference that points at it.";

	static void requireReadable(RequestDetails request, Caller caller, String binaryId, OwnershipLookup ownership) {
		boolean healthPersonnel = caller.hasScope(Scopes.READ_DOCUMENT);
		boolean citizen = caller.hasScope(Scopes.CITIZEN);
		if (!healthPersonnel && !citizen) {
			throw new ForbiddenOperationException("Retrieving a document (ITI-68) needs the scope "
					+ Scopes.READ_DOCUMENT + " (or " + Scopes.CITIZEN + " for one's own).");
		}
		if (healthPersonnel) {
			HealthPersonnel.require(caller);
		}
		List<DocumentReference> documents =
				binaryId == null ? List.of() : ownership.documentsPointingAt(request, binaryId);
		if (healthPersonnel) {
			if (documents.isEmpty()) {
				// Health personnel may find any shared document by searching, so "unknown" tells them nothing more;
				// a document hidden from them answers the same way (access.ReadVisibilityInterceptor).
				throw new ResourceNotFoundException(new IdType("Binary", binaryId));
			}
			return;
		}
		if (citizen && !healthPersonnel) {
			String pid = CitizenAccess.requirePid(caller);
			Set<String> own = ownership.patientIdsOf(pid);
			if (documents.stream().anyMatch(d -> OwnershipLookup.isOwnedBy(d.getSubject(), own, pid))) {
				return;
			}
		}
		throw new ForbiddenOperationException(REFUSED);
	}

	private BinaryGuard() {}
}
