package no.dokumentdeling.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import no.dokumentdeling.DokumentdelingApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application, started in this JVM on a random port against a given database. Tests talk to it over HTTP
 * only.
 */
public final class TestServer implements AutoCloseable {

	private final TestDatabase database;
	private final Map<String, Object> properties;
	private final ConfigurableApplicationContext context;

	private TestServer(TestDatabase database, Map<String, Object> properties) {
		this.database = database;
		this.properties = properties;
		// As command-line arguments: they outrank application.yaml (builder "properties" are only defaults, so
		// server.port=0 would lose to the yaml's 8080 and parallel test JVMs would collide on one port).
		this.context = new SpringApplicationBuilder(DokumentdelingApplication.class)
				.logStartupInfo(false)
				.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
	}

	/** Starts a server on {@code database}; {@code overrides} are extra Spring properties. */
	public static TestServer start(TestDatabase database, Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("dokumentdeling.storage.directory", tempDirectory().toString());
		properties.put("spring.main.banner-mode", "off");
		properties.putAll(overrides);
		return new TestServer(database, properties);
	}

	public static TestServer start(TestDatabase database) {
		return start(database, Map.of());
	}

	/** A second server on the same database and configuration (as another replica, or after a restart). */
	public TestServer startAnother() {
		return new TestServer(database, properties);
	}

	public int port() {
		return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
	}

	/** The FHIR base, e.g. {@code http://localhost:41234/fhir}. */
	public String baseUrl() {
		return "http://localhost:" + port() + "/fhir";
	}

	public TestDatabase database() {
		return database;
	}

	/** An anonymous request to this server's FHIR base. */
	public RequestSpecification request() {
		return given().baseUri(baseUrl()).urlEncodingEnabled(true);
	}

	/** A request as a document source system (a hospital's journal system publishing with ITI-65). */
	public RequestSpecification asSource() {
		return request();
	}

	/** A request as health personnel allowed to search and read documents (ITI-66/67/68). */
	public RequestSpecification asReader() {
		return request();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}

	private static Path tempDirectory() {
		try {
			return Files.createTempDirectory("dokumentdeling-documents");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
