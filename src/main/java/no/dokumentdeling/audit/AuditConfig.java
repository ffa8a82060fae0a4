package no.dokumentdeling.audit;

import no.dokumentdeling.fhir.RestfulServerConfig;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit filter, outside every filter that may refuse a FHIR request itself. */
@Configuration
public class AuditConfig {

	/** Before the authentication filter (-100) and the upload limit (0), so it sees what they answered. */
	static final int FILTER_ORDER = -200;

	@Bean
	FilterRegistrationBean<RefusedRequestAuditFilter> refusedRequestAuditFilter(RefusedRequestRecorder recorder) {
		FilterRegistrationBean<RefusedRequestAuditFilter> registration =
				new FilterRegistrationBean<>(new RefusedRequestAuditFilter(recorder));
		registration.addUrlPatterns(RestfulServerConfig.FHIR_PATH + "/*");
		registration.setOrder(FILTER_ORDER);
		return registration;
	}
}
