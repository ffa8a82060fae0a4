package no.dokumentdeling.mhd;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashMap;
import java.util.Map;

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
	private static final String ASKED_KEY = DocumentsOfBinary.class.getName() + ".asked";

	private final DaoRegistry daoRegistry;

	public DocumentsOfBinary(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/**
	 * By the relative URL {@code Binary/<id>}, as ITI-65 stores it, and the absolute one under this server's base.
	 * Asked once per request: access, visibility, availability and audit all need the same answer for one ITI-68
	 * call, and a read does not change it.
	 */
	@SuppressWarnings("unchecked")
	public List<DocumentReference> pointingAt(RequestDetails request, String binaryId) {
		Map<String, List<DocumentReference>> asked = (Map<String, List<DocumentReference>>)
				request.getUserData().computeIfAbsent(ASKED_KEY, k -> new HashMap<String, List<DocumentReference>>());
		return asked.computeIfAbsent(binaryId, id -> pointingAt(id, request.getFhirServerBase()));
	}

	private List<DocumentReference> pointingAt(String binaryId, String serverBase) {
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
