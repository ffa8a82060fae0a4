package no.dokumentdeling.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;

/**
 * A citizen (scope {@link Scopes#CITIZEN}) sees their own documents only: the person is the token's {@code pid}. A
 * search must name their own patient (by {@code patient}/{@code subject} id or {@code patient.identifier}) in every
 * value it gives; a read must be of a document or list about them. Anything else is the same 403, so a citizen
 * cannot learn whether someone else's document exists.
 */
final class CitizenAccess {

	static final String NOT_OWN = "A citizen may only search and read their own documents.";

	static void requireOwnPatientSearch(Caller caller, Map<String, String[]> parameters, OwnershipLookup ownership) {
		String pid = requirePid(caller);
		List<String> references = new ArrayList<>();
		List<String> identifiers = new ArrayList<>();
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			int colon = name.indexOf(':');
			String base = colon < 0 ? name : name.substring(0, colon);
			String modifier = colon < 0 ? null : name.substring(colon + 1);
			boolean patientParameter = base.equals("patient") || base.equals("subject");
			if (patientParameter && (modifier == null || modifier.equals("Patient"))) {
				values(parameter.getValue(), references);
			} else if ((patientParameter && "identifier".equals(modifier)) || base.equals("patient.identifier")) {
				values(parameter.getValue(), identifiers);
			} else if (patientParameter || base.startsWith("patient.") || base.startsWith("subject.")) {
				throw new ForbiddenOperationException(NOT_OWN);
			}
		}
		if (references.isEmpty() && identifiers.isEmpty()) {
			throw new ForbiddenOperationException(
					"A citizen's search must name their own patient (patient, subject or patient.identifier).");
		}
		if (!identifiers.stream().allMatch(token -> isOwnIdentifier(token, pid))) {
			throw new ForbiddenOperationException(NOT_OWN);
		}
		if (!references.isEmpty()) {
			Set<String> own = ownership.patientIdsOf(pid);
			if (!references.stream().allMatch(reference -> isOwnReference(reference, own))) {
				throw new ForbiddenOperationException(NOT_OWN);
			}
		}
	}

	static void requireOwnResource(Caller caller, String type, String id, OwnershipLookup ownership) {
		String pid = requirePid(caller);
		Reference subject = id == null ? null : ownership.subjectOf(type, id).orElse(null);
		if (subject == null || !OwnershipLookup.isOwnedBy(subject, ownership.patientIdsOf(pid), pid)) {
			throw new ForbiddenOperationException(NOT_OWN);
		}
	}

	static void requireOwnResults(Caller caller, List<IBaseResource> resources, OwnershipLookup ownership) {
		String pid = requirePid(caller);
		Set<String> own = null;
		for (IBaseResource resource : resources) {
			Reference subject;
			if (resource instanceof DocumentReference document) {
				subject = document.getSubject();
			} else if (resource instanceof ListResource list) {
				subject = list.getSubject();
			} else if (resource instanceof Consent consent) {
				subject = consent.getPatient();
			} else if (resource == null || resource instanceof Binary || resource instanceof OperationOutcome) {
				continue;
			} else {
				throw new ForbiddenOperationException(NOT_OWN);
			}
			own = own == null ? ownership.patientIdsOf(pid) : own;
			if (!OwnershipLookup.isOwnedBy(subject, own, pid)) {
				throw new ForbiddenOperationException(NOT_OWN);
			}
		}
	}

	static String requirePid(Caller caller) {
		if (!Caller.present(caller.pid())) {
			throw new ForbiddenOperationException(
					"Citizen access needs the person's national id (helseid://claims/identity/pid).");
		}
		return caller.pid();
	}

	/** Every value of a parameter, each OR list split: all of them must be the citizen's. */
	private static void values(String[] given, List<String> into) {
		for (String value : given) {
			for (String part : value.split(",", -1)) {
				into.add(part.trim());
			}
		}
	}

	private static boolean isOwnIdentifier(String token, String pid) {
		int bar = token.indexOf('|');
		String system = bar < 0 ? null : token.substring(0, bar);
		String value = bar < 0 ? token : token.substring(bar + 1);
		return pid.equals(value) && (system == null || IdentifierSystems.isPersonIdentifier(system));
	}

	private static boolean isOwnReference(String reference, Set<String> ownPatientIds) {
		if (reference.isEmpty()) {
			return false;
		}
		IdType id = new IdType(reference);
		return (!id.hasResourceType() || "Patient".equals(id.getResourceType()))
				&& !id.hasVersionIdPart()
				&& ownPatientIds.contains(id.getIdPart());
	}

	private CitizenAccess() {}
}
