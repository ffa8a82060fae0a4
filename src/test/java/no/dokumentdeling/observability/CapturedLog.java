package no.dokumentdeling.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * The server's console log as a test captured it, read as the JSON lines the default configuration writes. The
 * request line is written once the answer is out, so a test waits for it.
 */
final class CapturedLog {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final CapturedOutput output;

	CapturedLog(CapturedOutput output) {
		this.output = output;
	}

	String text() {
		return output.getAll();
	}

	List<JsonNode> lines() {
		return text().lines().filter(line -> line.startsWith("{")).map(CapturedLog::parse).toList();
	}

	/** The first JSON line that matches, waiting up to five seconds for it. */
	JsonNode await(Predicate<JsonNode> wanted, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (System.nanoTime() < deadline) {
			for (JsonNode line : lines()) {
				if (wanted.test(line)) {
					return line;
				}
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No log line " + what + " in:\n" + text());
	}

	/** The request line of the request the server answered with this {@code X-Request-Id}. */
	JsonNode requestLine(String requestId) throws InterruptedException {
		return await(line -> requestId.equals(line.path("request-id").asText())
				&& line.path("log").path("logger").asText().endsWith("RequestLogFilter"), "with request-id " + requestId);
	}

	private static JsonNode parse(String line) {
		try {
			return JSON.readTree(line);
		} catch (Exception e) {
			throw new AssertionError("A console line that is not JSON: " + line, e);
		}
	}
}
