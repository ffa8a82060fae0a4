package no.dokumentdeling.observability;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request log line on every path of the main port, HAPI's routine refusals kept out of the log. */
@Configuration
public class ObservabilityConfig {

	/** Ahead of authentication (-100), so a refused token is logged with its event id like any other request. */
	static final int REQUEST_LOG_ORDER = -200;

	@Bean
	FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
		FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(new RequestLogFilter());
		registration.addUrlPatterns("/*");
		registration.setOrder(REQUEST_LOG_ORDER);
		return registration;
	}

	/** Installed once the logging system is configured; it stays through later resets of Logback. */
	@Bean
	SmartInitializingSingleton routineRefusalLogFilter() {
		return () -> {
			if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
				RoutineRefusalLogFilter.installOn(context);
			}
		};
	}
}
