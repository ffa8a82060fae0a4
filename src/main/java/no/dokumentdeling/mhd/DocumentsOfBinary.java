package no.dokumentdeling.mhd;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriOrListParam;
import ca.uhn.fhir.rest.param.UriParam;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The DocumentReferences whose {@code content.attachment.url} names a Binary: what a document's bytes belong to,
 * for whoever must decide about them (security, visibility, audit). Uses our SearchParameter {@code attachment-url}
 * (ig/SearchParameter-DocumentReference-AttachmentUrl.json).
 */
@Component
public class DocumentsOfBinary {

	public static final String ATTACHMENT_URL = "attachment-url";

	private final DaoRegistry daoRegistry;

	public DocumentsOfBinary(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** By the relative URL {@code Binary/<id>}, as ITI-65 stores it. */
	public List<DocumentReference> pointingAt(String binaryId) {
		return pointingAt(binaryId, null);
	}

	/** By the relative URL, and the absolute one under {@code serverBase} when given. */
	public List<DocumentReference> pointingAt(String binaryId, String serverBase) {
		String relative = "Binary/" + binaryId;
		UriOrListParam urls = new UriOrListParam().add(new UriParam(relative));
		if (serverBase != null && !serverBase.isBlank()) {
			urls.add(new UriParam(serverBase.replaceAll("/+$", "") + "/" + relative));
		}
		return daoRegistry.getResourceDao(DocumentReference.class)
				.search(SearchParameterMap.newSynchronous().add(ATTACHMENT_URL, urls), new SystemRequestDetails())
				.getAllResources().stream()
				.map(DocumentReference.class::cast)
				.toList();
	}
}
