package no.dokumentdeling.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standard OTEL_* variables, as Spring Boot's tracing properties. */
class OpenTelemetryEnvironmentTest {

	@Test
	void withoutAnOtlpEndpointTracingIsOffAndNoTracerIsMade() {
		Map<String, Object> properties = OpenTelemetryEnvironment.properties(Map.<String, String>of()::get);

		assertThat(properties).containsEntry("management.tracing.enabled", false)
				.containsEntry("spring.autoconfigure.exclude", OpenTelemetryEnvironment.TRACER_AUTO_CONFIGURATIONS)
				.doesNotContainKey("management.otlp.tracing.endpoint");
	}

	@Test
	void anOtlpEndpointTurnsTracingOnWithTheSignalPathAndHeaders() {
		Map<String, Object> properties = OpenTelemetryEnvironment.properties(Map.of(
				"OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/",
				"OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret,tenant=helse",
				"OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
				"OTEL_TRACES_SAMPLER_ARG", "0.25")::get);

		assertThat(properties).containsEntry("management.tracing.enabled", true)
				.containsEntry("management.otlp.tracing.endpoint", "http://collector:4318/v1/traces")
				.containsEntry("management.otlp.tracing.transport", "http")
				.containsEntry("management.tracing.sampling.probability", 0.25)
				.containsEntry("management.otlp.tracing.headers[api-key]", "secret")
				.containsEntry("management.otlp.tracing.headers[tenant]", "helse")
				.doesNotContainKey("spring.autoconfigure.exclude");
	}

	@Test
	void grpcUsesTheEndpointAsGivenAndATracesEndpointWins() {
		assertThat(OpenTelemetryEnvironment.properties(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
				"OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")::get))
				.containsEntry("management.otlp.tracing.endpoint", "http://collector:4317")
				.containsEntry("management.otlp.tracing.transport", "grpc");
		assertThat(OpenTelemetryEnvironment.properties(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
				"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:4318/traces")::get))
				.containsEntry("management.otlp.tracing.endpoint", "http://b:4318/traces");
	}

	@Test
	void theExporterNoneOrADisabledSdkKeepsTracingOff() {
		assertThat(OpenTelemetryEnvironment.properties(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
				"OTEL_TRACES_EXPORTER", "none")::get)).containsEntry("management.tracing.enabled", false);
		assertThat(OpenTelemetryEnvironment.properties(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
				"OTEL_SDK_DISABLED", "true")::get)).containsEntry("management.tracing.enabled", false);
		assertThat(OpenTelemetryEnvironment.properties(Map.of("OTEL_TRACES_EXPORTER", "otlp")::get))
				.containsEntry("management.otlp.tracing.endpoint", OpenTelemetryEnvironment.DEFAULT_HTTP_ENDPOINT + "/v1/traces");
	}
}
