package no.dokumentdeling.security;

import java.time.Clock;
import javax.sql.DataSource;
import no.dokumentdeling.fhir.FhirServerProperties;
import no.dokumentdeling.fhir.RestfulServerConfig;
import no.dokumentdeling.observability.DomainMetrics;
import no.dokumentdeling.observability.PingController;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HelseID security, on in every profile: the authentication filter covers the whole FHIR servlet path, ahead of
 * every other filter that would read the request body; {@link AccessPolicyInterceptor} decides per operation.
 */
@Configuration
public class SecurityConfig {

	/** Before the upload limit (order 0): nobody gets to stream a body at us without a valid token. */
	static final int FILTER_ORDER = -100;

	@Bean
	AccessTokenValidator accessTokenValidator(SecurityProperties properties) {
		return new AccessTokenValidator(properties);
	}

	@Bean
	DpopReplayCache dpopReplayCache(DataSource dataSource, SecurityProperties properties) {
		// Remember a jti for as long as its proof could pass the iat check, on any replica's clock.
		return new DpopReplayCache(dataSource,
				properties.dpopMaxAge().plus(properties.leeway()).plus(properties.leeway()), Clock.systemUTC());
	}

	@Bean
	DpopVerifier dpopVerifier(SecurityProperties properties, FhirServerProperties fhir, DpopReplayCache replayCache) {
		String publicBase = !properties.publicBaseUrl().isBlank() ? properties.publicBaseUrl()
				: fhir.publicBaseUrl() == null ? "" : fhir.publicBaseUrl();
		return new DpopVerifier(properties, publicBase, replayCache);
	}

	@Bean
	FilterRegistrationBean<AuthenticationFilter> authenticationFilter(AccessTokenValidator tokens, DpopVerifier dpop,
			DomainMetrics metrics, FederationTrustProperties federation, SecurityProperties properties) {
		FilterRegistrationBean<AuthenticationFilter> registration = new FilterRegistrationBean<>(new AuthenticationFilter(
				tokens, dpop, metrics, new OnBehalfAssertionVerifier(federation, properties)));
		registration.addUrlPatterns(RestfulServerConfig.FHIR_PATH + "/*", PingController.PING_AUTH);
		registration.setOrder(FILTER_ORDER);
		return registration;
	}
}
