package no.dokumentdeling.observability;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Traces are configured the way every OpenTelemetry SDK is: by the standard {@code OTEL_*} variables, translated here
 * into Spring Boot's Micrometer-tracing properties. Tracing is off (no tracer bean at all, no span, nothing exported) unless an
 * OTLP endpoint is named ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}) or
 * {@code OTEL_TRACES_EXPORTER=otlp} asks for the default one. Added with the lowest precedence, so an explicit
 * {@code management.tracing.*} or {@code management.otlp.tracing.*} setting still wins. {@code OTEL_SERVICE_NAME}
 * and {@code OTEL_RESOURCE_ATTRIBUTES} are read by Spring Boot itself.
 */
public class OpenTelemetryEnvironment implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "otelEnvironment";
	/** The OTLP/HTTP default of the OpenTelemetry specification. */
	static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:4318";
	static final String DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";
	static final String TRACER_AUTO_CONFIGURATIONS =
			"org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration,"
			+ "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration,"
			// Without it a no-op tracer would still make the HTTP metrics expect a tracing handler.
			+ "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties(environment::getProperty)));
	}

	/** Spring Boot properties for the OTEL_* variables {@code variables} answers. */
	static Map<String, Object> properties(Function<String, String> variables) {
		Map<String, Object> properties = new HashMap<>();
		String exporter = lower(variables.apply("OTEL_TRACES_EXPORTER"));
		String tracesEndpoint = variables.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
		String endpoint = variables.apply("OTEL_EXPORTER_OTLP_ENDPOINT");
		boolean grpc = "grpc".equals(lower(first(variables.apply("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"),
				variables.apply("OTEL_EXPORTER_OTLP_PROTOCOL"))));
		boolean asked = "otlp".equals(exporter) || (exporter == null && (isSet(tracesEndpoint) || isSet(endpoint)));
		boolean enabled = asked && !"true".equals(lower(variables.apply("OTEL_SDK_DISABLED")));
		properties.put("management.tracing.enabled", enabled);
		if (!enabled) {
			// Spring Boot would still make a tracer and start a trace for every request, only not export it.
			properties.put("spring.autoconfigure.exclude", TRACER_AUTO_CONFIGURATIONS);
			return properties;
		}
		String base = isSet(endpoint) ? stripSlash(endpoint) : grpc ? DEFAULT_GRPC_ENDPOINT : DEFAULT_HTTP_ENDPOINT;
		// OTLP/HTTP appends the signal's path to the general endpoint; gRPC and a traces endpoint are used as given.
		properties.put("management.otlp.tracing.endpoint",
				isSet(tracesEndpoint) ? tracesEndpoint : grpc ? base : base + "/v1/traces");
		properties.put("management.otlp.tracing.transport", grpc ? "grpc" : "http");
		properties.put("management.tracing.sampling.probability", probability(variables));
		headers(first(variables.apply("OTEL_EXPORTER_OTLP_TRACES_HEADERS"), variables.apply("OTEL_EXPORTER_OTLP_HEADERS")))
				.forEach((name, value) -> properties.put("management.otlp.tracing.headers[" + name + "]", value));
		return properties;
	}

	/** OpenTelemetry's default sampler samples every trace; a ratio sampler takes its argument. */
	private static double probability(Function<String, String> variables) {
		String sampler = lower(variables.apply("OTEL_TRACES_SAMPLER"));
		if (sampler != null && sampler.endsWith("always_off")) {
			return 0.0;
		}
		if (sampler != null && sampler.endsWith("traceidratio")) {
			try {
				double ratio = Double.parseDouble(variables.apply("OTEL_TRACES_SAMPLER_ARG"));
				return Math.max(0.0, Math.min(1.0, ratio));
			} catch (NullPointerException | NumberFormatException e) {
				return 1.0;
			}
		}
		return 1.0;
	}

	/** {@code key1=value1,key2=value2}, as the specification writes headers. */
	private static Map<String, String> headers(String list) {
		Map<String, String> headers = new HashMap<>();
		if (!isSet(list)) {
			return headers;
		}
		for (String pair : list.split(",")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				headers.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
			}
		}
		return headers;
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

	private static String first(String preferred, String fallback) {
		return isSet(preferred) ? preferred : fallback;
	}

	private static String lower(String value) {
		return isSet(value) ? value.trim().toLowerCase(Locale.ROOT) : null;
	}

	private static String stripSlash(String url) {
		String trimmed = url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}
}
