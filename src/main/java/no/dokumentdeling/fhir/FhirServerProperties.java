package no.dokumentdeling.fhir;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the FHIR endpoint behaves towards clients.
 *
 * @param publicBaseUrl the externally visible FHIR base (e.g. {@code https://dokumentdeling.example.no/fhir}); when
 *     empty, the base is taken from each incoming request. Set it when running behind a proxy.
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 * @param reuseSearchResultsMillis how long identical searches reuse a cached result list; 0 turns it off, which is
 *     right for a document registry where a freshly published document must be found at once
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.fhir")
public record FhirServerProperties(
		String publicBaseUrl,
		@Min(1) @Max(1000) int defaultPageSize,
		@Min(1) @Max(1000) int maxPageSize,
		@Min(0) long reuseSearchResultsMillis) {

	public FhirServerProperties {
		if (defaultPageSize == 0) defaultPageSize = 20;
		if (maxPageSize == 0) maxPageSize = 200;
	}
}
