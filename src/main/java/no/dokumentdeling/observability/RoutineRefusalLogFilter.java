package no.dokumentdeling.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.turbo.TurboFilter;
import org.slf4j.LoggerFactory;
import ch.qos.logback.core.spi.FilterReply;
import ca.uhn.fhir.interceptor.executor.BaseInterceptorService;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor;
import org.slf4j.Marker;

/**
 * Keeps HAPI from logging routine refusals: its interceptor service logs every exception a hook throws at ERROR
 * with a full stack trace, and its exception handler logs every 4xx at WARN with the exception's text, which may
 * quote a fødselsnummer. Our rules refuse by throwing from hooks, so each 400/403/404/405/406/422 produced both. The
 * request's own log line ({@link RequestLogFilter}) reports a refusal with its status and rule instead. The same
 * holds for a 502 or 504: another server (a document's repository) failed, which is logged and audited where it was
 * found, and its stack trace says nothing about this one; and for a 503, whose cause is logged where it was found
 * (the audit trail, the connection pool). The server's own failures (500) are still logged by HAPI with their stack
 * trace.
 */
final class RoutineRefusalLogFilter extends TurboFilter {

	private static final String INTERCEPTOR_SERVICE = BaseInterceptorService.class.getName();
	private static final String EXCEPTION_HANDLER = ExceptionHandlingInterceptor.class.getName();
	/** The handler's message for a 4xx; a 5xx is logged with another one and its stack trace. */
	private static final String HANDLER_REFUSAL_FORMAT = "Failure during REST processing: {}";

	/**
	 * Adds the filter to {@code context} unless it is there, and again after each reset: Spring Boot resets Logback
	 * at every application start, so in a JVM with several applications (the tests) a reset would drop it.
	 */
	static synchronized void installOn(LoggerContext context) {
		addTo(context);
		if (context.getCopyOfListenerList().stream().noneMatch(ReinstallAfterReset.class::isInstance)) {
			context.addListener(new ReinstallAfterReset());
		}
	}

	/**
	 * Puts the filter back if it is gone. Logback's context belongs to the JVM, not to one application: when any
	 * application of the JVM stops (tests run several), Spring Boot stops the context, which drops its turbo filters and
	 * listeners for every other application too. One look at a list of one or two per request.
	 */
	static void ensureInstalled() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch(RoutineRefusalLogFilter.class::isInstance)) {
			installOn(context);
		}
	}

	private static void addTo(LoggerContext context) {
		if (context.getTurboFilterList().stream().noneMatch(RoutineRefusalLogFilter.class::isInstance)) {
			RoutineRefusalLogFilter filter = new RoutineRefusalLogFilter();
			filter.setContext(context);
			filter.start();
			context.addTurboFilter(filter);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (logger == null || format == null) {
			return FilterReply.NEUTRAL;
		}
		String name = logger.getName();
		if (level == Level.ERROR && INTERCEPTOR_SERVICE.equals(name) && isNotThisServersFault(lastOf(params, t))) {
			return FilterReply.DENY;
		}
		if (level == Level.WARN && EXCEPTION_HANDLER.equals(name) && HANDLER_REFUSAL_FORMAT.equals(format)) {
			return FilterReply.DENY;
		}
		return FilterReply.NEUTRAL;
	}

	private static Object lastOf(Object[] params, Throwable t) {
		if (t != null) {
			return t;
		}
		return params == null || params.length == 0 ? null : params[params.length - 1];
	}

	private static boolean isNotThisServersFault(Object thrown) {
		return thrown instanceof BaseServerResponseException e && !RequestLogFilter.isThisServersFault(e.getStatusCode());
	}

	private static final class ReinstallAfterReset implements LoggerContextListener {

		@Override
		public boolean isResetResistant() {
			return true;
		}

		@Override
		public void onReset(LoggerContext context) {
			addTo(context);
		}

		@Override
		public void onStart(LoggerContext context) {}

		@Override
		public void onStop(LoggerContext context) {}

		@Override
		public void onLevelChange(Logger logger, Level level) {}
	}
}
