package no.dokumentdeling.fhir;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.dokumentdeling.web.OperationOutcomeJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /fhir} answers only once the application is ready: Tomcat accepts connections before the start has
 * installed our SearchParameters and loaded them into HAPI's registry ({@link SearchParameterInstaller}, on
 * {@code ApplicationStartedEvent}), and until then a transaction would fail on a SearchParameter HAPI does not know
 * yet. Before that every request gets 503 with {@code Retry-After}; readiness reports DOWN over the same time.
 */
final class StartupGate extends OncePerRequestFilter implements ApplicationListener<ApplicationReadyEvent> {

	static final String TEXT = "The server is starting and does not answer FHIR requests yet. Try again in a moment.";

	static final String READY_MESSAGE = "Ready: /fhir answers requests";
	private static final Logger log = LoggerFactory.getLogger(StartupGate.class);

	private volatile boolean ready;

	/** Spring Boot's "Started ..." line comes before the SearchParameters are installed; this one says when to call. */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		ready = true;
		log.info(READY_MESSAGE);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (ready) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader("Retry-After", "1");
		response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
		response.getOutputStream().write(OperationOutcomeJson.error("transient", TEXT));
	}
}
