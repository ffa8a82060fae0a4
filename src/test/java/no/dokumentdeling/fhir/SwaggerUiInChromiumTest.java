package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import no.dokumentdeling.testsupport.ExternalCommand;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The Swagger UI at {@code /fhir/swagger-ui/} works in a real browser, anonymously: headless Chromium loads it, its
 * scripts fetch the OpenAPI document, and the page shows the MHD operations.
 */
class SwaggerUiInChromiumTest {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private final TestServer server = SharedServers.h2();

	@Test
	void theSwaggerUiRendersTheMhdOperations() throws IOException {
		Path profile = Files.createTempDirectory("dokumentdeling-chromium");
		try {
			ExternalCommand chromium = ExternalCommand.run(Duration.ofSeconds(90), List.of(CHROMIUM,
					"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile,
					// Virtual time runs the page's scripts, and its fetch of the OpenAPI document, before the dump.
					"--virtual-time-budget=20000", "--dump-dom", server.baseUrl() + "/swagger-ui/"));

			assertThat(chromium.exitCode()).as(chromium.output()).isZero();
			String dom = chromium.output();
			assertThat(dom).as("operations rendered by the Swagger UI's scripts").contains("opblock-summary-path");
			assertThat(dom).contains("/DocumentReference", "/List", "/Binary/{id}", "/$innsynslogg");
			assertThat(dom).doesNotContain("Failed to load API definition");
		} finally {
			FileSystemUtils.deleteRecursively(profile);
		}
	}
}
