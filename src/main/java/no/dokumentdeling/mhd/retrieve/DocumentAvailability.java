package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.util.List;
import no.dokumentdeling.mhd.DocumentsOfBinary;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Whether a document's bytes may still be handed out. A document withdrawn as {@code entered-in-error} is gone
 * (410) even though its bytes are kept for the record; a superseded one is still a valid historical document.
 * Found through {@link DocumentsOfBinary}, like the access checks of the same request.
 */
@Component
public class DocumentAvailability {

	private final DocumentsOfBinary documentsOfBinary;

	public DocumentAvailability(DocumentsOfBinary documentsOfBinary) {
		this.documentsOfBinary = documentsOfBinary;
	}

	public void requireAvailable(RequestDetails request, IdType binaryId) {
		List<DocumentReference> documents = documentsOfBinary.pointingAt(request, binaryId.getIdPart());
		boolean withdrawn = !documents.isEmpty()
				&& documents.stream().allMatch(d -> d.getStatus() == DocumentReferenceStatus.ENTEREDINERROR);
		if (withdrawn) {
			throw new ResourceGoneException("Document " + binaryId.getValue()
					+ " was withdrawn (entered-in-error) and is no longer available");
		}
	}
}
