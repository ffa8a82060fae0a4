package no.dokumentdeling.input;

import no.dokumentdeling.fhir.RestfulServerConfig;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where the input checks that work on raw requests sit in the servlet filter chain. */
@Configuration
class InputConfig {

	/** After authentication (-100) and the upload limit (0): only an authenticated body within the limit is read. */
	static final int UTF8_FILTER_ORDER = 10;

	@Bean
	FilterRegistrationBean<Utf8BodyFilter> utf8BodyFilter() {
		FilterRegistrationBean<Utf8BodyFilter> registration = new FilterRegistrationBean<>(new Utf8BodyFilter());
		registration.addUrlPatterns(RestfulServerConfig.FHIR_PATH + "/*");
		registration.setOrder(UTF8_FILTER_ORDER);
		return registration;
	}
}
