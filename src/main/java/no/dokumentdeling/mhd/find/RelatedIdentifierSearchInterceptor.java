package no.dokumentdeling.mhd.find;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * ITI-67 {@code related:identifier=system|value}: MHD's search for documents by the identifier of what they relate
 * to. HAPI's JPA search refuses the {@code :identifier} modifier on reference parameters (HAPI-2498), so the search
 * is answered by our token parameter {@value #RELATED_IDENTIFIER} (ig/), which indexes the identifiers of
 * {@code context.related} and {@code relatesTo.target}. The rewrite happens on the request parameters before HAPI
 * binds them, like {@link PatientScopedSearchInterceptor}'s, so GET and POST {@code _search} take the same path.
 */
@Component
@Interceptor
public class RelatedIdentifierSearchInterceptor implements FhirInterceptor {

	static final String RELATED_BY_IDENTIFIER = "related:identifier";
	static final String RELATED_IDENTIFIER = "related-identifier";

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean beforeBinding(RequestDetails request) {
		if (request.getRestOperationType() == RestOperationTypeEnum.SEARCH_TYPE
				&& "DocumentReference".equals(request.getResourceName())
				&& request.getParameters().containsKey(RELATED_BY_IDENTIFIER)) {
			Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameters());
			// Repeated, the parameter ANDs its values like any other: related:identifier=a&related:identifier=b.
			parameters.merge(RELATED_IDENTIFIER, parameters.remove(RELATED_BY_IDENTIFIER),
					(given, rewritten) -> Stream.concat(Arrays.stream(given), Arrays.stream(rewritten)).toArray(String[]::new));
			request.setParameters(parameters);
		}
		return true;
	}
}
