package no.dokumentdeling.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import no.dokumentdeling.audit.MhdTransaction;
import no.dokumentdeling.audit.RequestedTransaction;
import no.dokumentdeling.fhir.EarlyRefusal;
import no.dokumentdeling.fhir.RestfulServerConfig;
import no.dokumentdeling.web.OperationOutcomeJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request, at INFO when answered, WARN when refused (4xx, with the rule that refused it) or not
 * served for a reason that passes or lies elsewhere (502, 503, 504), and ERROR for the server's own failures (500);
 * the stack trace of those is logged where they happened. While the request
 * runs, {@code nhn-event-id} and a request id of our own (returned as {@value #REQUEST_ID_HEADER}) are in the MDC,
 * so every line logged for it carries both. The query string is never logged: {@code patient.identifier} holds a
 * fødselsnummer.
 */
final class RequestLogFilter extends OncePerRequestFilter {

	static final String REQUEST_ID_HEADER = "X-Request-Id";
	static final String MDC_EVENT_ID = "nhn-event-id";
	static final String MDC_REQUEST_ID = "request-id";
	private static final int MAX_PATH_LENGTH = 200;
	private static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");
	private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RoutineRefusalLogFilter.ensureInstalled();
		long start = System.nanoTime();
		String requestId = UUID.randomUUID().toString();
		response.setHeader(REQUEST_ID_HEADER, requestId);
		MDC.put(MDC_REQUEST_ID, requestId);
		EventId.of(request.getHeader(EventId.HEADER)).logged().ifPresent(id -> MDC.put(MDC_EVENT_ID, id));
		int status = 500;
		try {
			chain.doFilter(withRequestId(request, requestId), response);
			status = answeredStatus(request, response.getStatus());
		} finally {
			logLine(request, status, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			MDC.remove(MDC_REQUEST_ID);
			MDC.remove(MDC_EVENT_ID);
		}
	}

	/**
	 * Whether an answer with this status is this server's own failure, worth an ERROR. A 4xx is the request's fault; a
	 * 502 or 504 another server's (a document's repository, see {@code federation}); a 503 a state that passes (the
	 * start, a database outage: readiness reports it, and the pool logs the cause).
	 */
	static boolean isThisServersFault(int status) {
		return status >= 500 && status != 502 && status != 503 && status != 504;
	}

	/**
	 * The status the client gets. A method the servlet API does not know (PROPFIND, FOO) leaves its 501 here, and
	 * the error dispatch after this filter answers it as {@code web.OperationOutcomeJson#clientStatus} says (405): the
	 * log must say that status at WARN, not 501 at ERROR, for what is the request's fault.
	 */
	private static int answeredStatus(HttpServletRequest request, int status) {
		return HTTP_METHODS.contains(request.getMethod()) ? status : OperationOutcomeJson.clientStatus(status, true);
	}

	/**
	 * HAPI answers with the {@code X-Request-ID} the request carries, or with one it makes up: this way it is ours,
	 * whatever the client sent, so the header, HAPI and the log agree.
	 */
	private static HttpServletRequest withRequestId(HttpServletRequest request, String requestId) {
		return new HttpServletRequestWrapper(request) {
			@Override
			public String getHeader(String name) {
				return REQUEST_ID_HEADER.equalsIgnoreCase(name) ? requestId : super.getHeader(name);
			}

			@Override
			public Enumeration<String> getHeaders(String name) {
				return REQUEST_ID_HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(requestId)) : super.getHeaders(name);
			}
		};
	}

	private static void logLine(HttpServletRequest request, int status, long millis) {
		RequestOutcome outcome = RequestOutcome.of(request);
		String transaction = outcome.transaction()
				.or(() -> RestfulServerConfig.FHIR_PATH.equals(request.getServletPath())
						? RequestedTransaction.of(request).map(MhdTransaction::code) : Optional.empty())
				.orElse("other");
		String rule = status < 400 ? null
				: outcome.rule().or(() -> EarlyRefusal.of(request).map(RefusalRule::of)).orElse(null);
		String path = request.getRequestURI();
		if (path.length() > MAX_PATH_LENGTH) {
			path = path.substring(0, MAX_PATH_LENGTH) + "...";
		}
		Level level = isThisServersFault(status) ? Level.ERROR : status >= 400 ? Level.WARN : Level.INFO;
		var line = log.atLevel(level)
				.addKeyValue("mhd.transaction", transaction)
				.addKeyValue("http.request.method", request.getMethod())
				.addKeyValue("url.path", path)
				.addKeyValue("http.response.status_code", status)
				.addKeyValue("event.duration_ms", millis);
		if (rule != null) {
			line = line.addKeyValue("refusal.rule", rule);
		}
		line.log("{} {} {} {} {} ms{}", transaction, request.getMethod(), path, status, millis,
				rule == null ? "" : " refused: " + rule);
	}
}
