package no.dokumentdeling.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With {@code OTEL_EXPORTER_OTLP_ENDPOINT} set, the server exports its spans over OTLP/HTTP to that endpoint, continues
 * the trace a client's {@code traceparent} names, sends {@code OTEL_EXPORTER_OTLP_HEADERS} with each export, and its
 * log lines carry the trace id. The collector is a small OTLP/HTTP receiver in the test. Traces do not depend on the
 * database, so this runs on H2 only.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpTraceExportTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static HttpServer collector;
	private static final List<Export> exports = new CopyOnWriteArrayList<>();
	private static TestServer server;

	record Export(String path, String contentType, String apiKey, byte[] body) {}

	@BeforeAll
	static void start() throws IOException {
		collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		collector.createContext("/", exchange -> {
			exports.add(new Export(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("api-key"), exchange.getRequestBody().readAllBytes()));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		collector.start();
		server = TestServer.start(TestDatabase.h2(), Map.of(
				"OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
				"OTEL_EXPORTER_OTLP_HEADERS", "api-key=trace-test"));
	}

	@AfterAll
	static void stop() {
		if (server != null) server.close();
		if (collector != null) collector.stop(0);
	}

	@Test
	void anItiSearchIsExportedAsASpanOfTheClientsTraceWithTheConfiguredHeaders(CapturedOutput output) throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		Published.by(server, ProvideBundleBuilder.forPatient(fnr).withEpikrise());

		Response search = server.asReader().header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
				.get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr);

		assertThat(search.statusCode()).isEqualTo(200);
		Export export = awaitExportOf(HexFormat.of().parseHex(TRACE_ID), Duration.ofSeconds(30));
		assertThat(export.path()).isEqualTo("/v1/traces");
		assertThat(export.contentType()).isEqualTo("application/x-protobuf");
		assertThat(export.apiKey()).isEqualTo("trace-test");
		assertThat(new String(export.body(), StandardCharsets.ISO_8859_1)).contains("dokumentdeling");
		JsonNode line = new CapturedLog(output).requestLine(search.header(RequestLogFilter.REQUEST_ID_HEADER));
		assertThat(line.path("traceId").asText()).isEqualTo(TRACE_ID);
	}

	/** The first export whose spans carry this trace id (OTLP's protobuf holds it as its 16 bytes). */
	private static Export awaitExportOf(byte[] traceId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			for (Export export : exports) {
				if (contains(export.body(), traceId)) {
					return export;
				}
			}
			Thread.sleep(200);
		}
		throw new AssertionError("No span of trace " + TRACE_ID + " exported; exports seen: " + exports.size());
	}

	private static boolean contains(byte[] haystack, byte[] needle) {
		outer:
		for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}
}
