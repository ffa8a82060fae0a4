package no.dokumentdeling.observability;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletRequest;
import no.dokumentdeling.audit.MhdTransaction;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * Tells the request's log line ({@link RequestLogFilter}) which MHD transaction HAPI routed it to and which rule
 * refused it, and counts ITI-65 outcomes: a submission is accepted when its transaction-response goes out, refused
 * when HAPI turns an exception into the answer.
 */
@Component
@Interceptor
public class RequestOutcomeInterceptor implements FhirInterceptor {

	private final DomainMetrics metrics;

	public RequestOutcomeInterceptor(DomainMetrics metrics) {
		this.metrics = metrics;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void routed(RequestDetails request, HttpServletRequest servletRequest) {
		// The entries of a transaction are handled as requests of their own, without a servlet request.
		if (servletRequest != null) {
			MhdTransaction.of(request).ifPresent(t -> RequestOutcome.of(servletRequest).transaction(t.code()));
		}
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean refused(RequestDetails request, BaseServerResponseException exception, HttpServletRequest servletRequest) {
		if (servletRequest == null) {
			return true;
		}
		RequestOutcome.of(servletRequest).refusedBy(RefusalRule.of(exception));
		if (request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION || isPostToBase(servletRequest)) {
			metrics.iti65Refused(RefusalRule.iti65Rule(exception));
		}
		return true;
	}

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean answered(RequestDetails request, ResponseDetails response) {
		if (request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION && response.getResponseCode() < 400) {
			metrics.iti65Accepted();
		}
		return true;
	}

	/** A refused ITI-65 may never have been parsed far enough for HAPI to call it a transaction. */
	private static boolean isPostToBase(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && (request.getPathInfo() == null || "/".equals(request.getPathInfo()));
	}
}
