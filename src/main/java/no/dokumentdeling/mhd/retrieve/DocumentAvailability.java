package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Whether a document's bytes may still be handed out. A document withdrawn as {@code entered-in-error} is gone
 * (410) even though its bytes are kept for the record; a superseded one is still a valid historical document.
 * Found through the R4 {@code location} index on {@code content.attachment.url}, which holds {@code Binary/<id>}.
 */
@Component
public class DocumentAvailability {

	private final DaoRegistry daoRegistry;

	public DocumentAvailability(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	public void requireAvailable(IdType binaryId) {
		SearchParameterMap byUrl = SearchParameterMap.newSynchronous("location", new UriParam(binaryId.getValue()));
		List<DocumentReference> documents = daoRegistry.getResourceDao(DocumentReference.class)
				.search(byUrl, new SystemRequestDetails())
				.getAllResources().stream()
				.map(DocumentReference.class::cast)
				.toList();
		boolean withdrawn = !documents.isEmpty()
				&& documents.stream().allMatch(d -> d.getStatus() == DocumentReferenceStatus.ENTEREDINERROR);
		if (withdrawn) {
			throw new ResourceGoneException("Document " + binaryId.getValue()
					+ " was withdrawn (entered-in-error) and is no longer available");
		}
	}
}
