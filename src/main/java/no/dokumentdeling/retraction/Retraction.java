package no.dokumentdeling.retraction;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Objects;
import no.dokumentdeling.audit.Publications;
import no.dokumentdeling.security.Caller;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Property;
import org.springframework.stereotype.Component;

/**
 * The one change of a stored document a caller may make: the organisation that published it withdraws it, setting
 * {@code status} to {@code entered-in-error} (a document published to the wrong patient, a wrong document). Nothing
 * else of the document changes with it, and it is never deleted: what was read before stays readable in the
 * innsynslogg. Who published it is what the audit trail recorded at publication ({@link Publications}).
 */
@Component
public class Retraction {

	public static final String RULE = "retraction";

	private final Publications publications;

	public Retraction(Publications publications) {
		this.publications = publications;
	}

	/**
	 * Refuses the change of {@code stored} into {@code requested}: 403 unless the caller's legal entity published it,
	 * 409 when it was withdrawn already, 422 when the change is anything but the status to entered-in-error.
	 */
	public void check(Caller caller, DocumentReference stored, DocumentReference requested) {
		String documentId = stored.getIdElement().getIdPart();
		String publisher = publications.publisherOf(documentId).orElse(null);
		if (publisher == null || !publisher.equals(caller.legalEntity())) {
			throw new ForbiddenOperationException("[" + RULE + "] Only the organisation that published DocumentReference/"
					+ documentId + " may withdraw it.");
		}
		if (stored.getStatus() == DocumentReferenceStatus.ENTEREDINERROR) {
			throw new ResourceVersionConflictException("[" + RULE + "] DocumentReference/" + documentId
					+ " was withdrawn (entered-in-error) already.");
		}
		if (requested.getStatus() != DocumentReferenceStatus.ENTEREDINERROR) {
			throw new UnprocessableEntityException("[" + RULE + "] A stored document is changed only to withdraw it: "
					+ "status 'entered-in-error' (was " + (requested.hasStatus() ? requested.getStatus().toCode() : "none") + ").");
		}
		List<String> changed = changedElements(stored, requested);
		if (!changed.isEmpty()) {
			throw new UnprocessableEntityException("[" + RULE + "] Withdrawing a document changes only its status; "
					+ "this request also changes " + String.join(", ", changed) + ".");
		}
	}

	/** The elements other than {@code status} (and the server's own meta) in which the two differ. */
	static List<String> changedElements(DocumentReference stored, DocumentReference requested) {
		DocumentReference before = comparable(stored);
		DocumentReference after = comparable(requested);
		return before.children().stream()
				.map(Property::getName)
				.filter(name -> !sameValues(before.getNamedProperty(name).getValues(), after.getNamedProperty(name).getValues()))
				.toList();
	}

	private static DocumentReference comparable(DocumentReference document) {
		DocumentReference copy = document.copy();
		copy.setStatus(null);
		copy.setIdElement(null);
		Meta meta = copy.getMeta();
		// Version, time and source are the server's; profiles, tags and security labels in meta are the document's.
		meta.setVersionId(null);
		meta.setLastUpdated(null);
		meta.setSource(null);
		return copy;
	}

	private static boolean sameValues(List<Base> before, List<Base> after) {
		if (before.size() != after.size()) {
			return false;
		}
		for (int i = 0; i < before.size(); i++) {
			Base a = before.get(i);
			Base b = after.get(i);
			if (!(Objects.equals(a, b) || a != null && b != null && (a.equalsDeep(b) || a.isEmpty() && b.isEmpty()))) {
				return false;
			}
		}
		return true;
	}
}
