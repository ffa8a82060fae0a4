package no.dokumentdeling.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The MHD transaction an HTTP request to the FHIR servlet addresses, read from its method and path alone: a request
 * refused before HAPI parsed it has nothing else to go on. The interaction is named the way HAPI would name it, so
 * {@link MhdTransaction#of(RestOperationTypeEnum, String)} decides for both.
 */
public final class RequestedTransaction {

	public static Optional<MhdTransaction> of(HttpServletRequest request) {
		// The servlet path info is already decoded and normalised by the container: what HAPI would route on.
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
		String type = segments.isEmpty() ? null : segments.get(0);
		return MhdTransaction.of(interaction(request.getMethod(), segments), type);
	}

	private static RestOperationTypeEnum interaction(String method, List<String> segments) {
		boolean get = "GET".equals(method);
		boolean post = "POST".equals(method);
		return switch (segments.size()) {
			// POST [base] is a transaction or batch; a refused one is never parsed far enough to tell, and both are
			// attempts at ITI-65. GET [base]?_getpages continues a search, but which one only its stored results say.
			case 0 -> post ? RestOperationTypeEnum.TRANSACTION : null;
			case 1 -> get ? RestOperationTypeEnum.SEARCH_TYPE : post ? RestOperationTypeEnum.CREATE : null;
			case 2 -> "_search".equals(segments.get(1)) && (get || post) ? RestOperationTypeEnum.SEARCH_TYPE
					: get && !segments.get(1).startsWith("$") ? RestOperationTypeEnum.READ : null;
			default -> null;
		};
	}

	private RequestedTransaction() {}
}
