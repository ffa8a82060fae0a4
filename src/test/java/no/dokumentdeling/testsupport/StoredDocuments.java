package no.dokumentdeling.testsupport;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * What the registry holds, asked of the server's storage directly. Over HTTP every document search is scoped to one
 * patient (MHD ITI-67); tests that check "nothing of a rejected bundle was stored" need to look across patients.
 */
public final class StoredDocuments {

	/** Ids of the DocumentReferences with this masterIdentifier (or identifier) value, whatever their patient. */
	public static List<String> idsByIdentifier(TestServer server, String identifierValue) {
		return server.bean(DaoRegistry.class).getResourceDao(DocumentReference.class)
				.search(SearchParameterMap.newSynchronous("identifier", new TokenParam(null, identifierValue)),
						new SystemRequestDetails())
				.getAllResourceIds();
	}

	private StoredDocuments() {}
}
