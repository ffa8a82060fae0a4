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
		// As command-line arguments: SpringApplicationBuilder.properties(...) would only set defaults, which
		// application.yaml overrides (port 8080, the file database under ./data).
		String[] arguments = properties.entrySet().stream()
				.map(p -> "--" + p.getKey() + "=" + p.getValue())
				.toArray(String[]::new);
		this.context = new SpringApplicationBuilder(DokumentdelingApplication.class)
				.logStartupInfo(false)
				.run(arguments);
	}

	/** Starts a server on {@code database}; {@code overrides} are extra Spring properties. */
	public static TestServer start(TestDatabase database, Map<String, Object> overrides) {
		NoServerErrors.install();
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		// Tests talk over loopback only, whatever the application's default bind address.
		properties.put("server.address", "127.0.0.1");
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("dokumentdeling.storage.directory", tempDirectory().toString());
		properties.put("spring.main.banner-mode", "off");
		properties.putAll(trustedIssuers());
		// Every test server can be the repository a test index reads from (federated ITI-68).
		properties.putAll(FederatingIndexClient.get().trustedByRepository());
		// Journal notes (B00-1) may be published here, so tests can show that readers still do not see them, and
		// correspondence (I00-1), which only the Kjernejournal regulation shows, within its one-year window.
		properties.put("dokumentdeling.access.publish-categories", "A00-1,B00-1,E00-1,I00-1");
		// Room for the 50 MB document of the ITI-68 streaming test (about 67 MB as base64 JSON).
		properties.put("dokumentdeling.storage.max-upload-size", "80MB");
		// Every test request comes from 127.0.0.1: with the production limits, whether a test's unauthenticated
		// request leaves a record would depend on how many 401s the tests before it provoked.
		properties.put("dokumentdeling.audit.unauthenticated-failures.per-source", "1000000");
		properties.put("dokumentdeling.audit.unauthenticated-failures.total", "1000000");
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

	/** The actuator's own port (health, Prometheus), apart from the API's. */
	public int managementPort() {
		return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	/** The FHIR base, e.g. {@code http://127.0.0.1:41234/fhir}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + port() + "/fhir";
	}

	public TestDatabase database() {
		return database;
	}

	/**
	 * The test issuers every test server trusts: {@link TestIssuer#dpop()} as HelseID (DPoP required) and {@link
	 * TestIssuer#bearer()} with {@code require-dpop: false}. JWKS refetches are not rate limited, so key rotation
	 * and unknown-key tests do not wait on each other.
	 */
	public static Map<String, Object> trustedIssuers() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("dokumentdeling.security.issuers[0].issuer", TestIssuer.dpop().issuer());
		properties.put("dokumentdeling.security.issuers[0].jwks-uri", TestIssuer.dpop().jwksUri());
		properties.put("dokumentdeling.security.issuers[1].issuer", TestIssuer.bearer().issuer());
		properties.put("dokumentdeling.security.issuers[1].jwks-uri", TestIssuer.bearer().jwksUri());
		properties.put("dokumentdeling.security.issuers[1].require-dpop", "false");
		properties.put("dokumentdeling.security.jwks-refetch-min-interval", "0s");
		return properties;
	}

	/** An anonymous request to this server's FHIR base. */
	public RequestSpecification request() {
		return given().baseUri(baseUrl()).urlEncodingEnabled(true);
	}

	/** A request as a document source system (a hospital's journal system publishing with ITI-65). */
	public RequestSpecification asSource() {
		return with(TestIssuer.dpop().source());
	}

	/** A request as health personnel allowed to search and read documents (ITI-66/67/68): a GP at level 4. */
	public RequestSpecification asReader() {
		return with(TestIssuer.dpop().gp());
	}

	/** A request as the citizen with this fødselsnummer, through Helsenorge. */
	public RequestSpecification asCitizen(String fnr) {
		return with(TestIssuer.dpop().citizen(fnr));
	}

	/** A request with this token, bound to a new DPoP key and sent with a fresh proof per request. */
	public RequestSpecification with(TestIssuer.Token token) {
		DpopKey key = DpopKey.generate();
		return withDpop(token.boundTo(key).build(), key);
	}

	/** A request with a ready-made token and the DPoP key it is bound to (a fresh proof per request). */
	public RequestSpecification withDpop(String accessToken, DpopKey key) {
		return request().filter(new DpopFilter(accessToken, key));
	}

	/** A request with {@code Authorization: Bearer <token>} and no proof. */
	public RequestSpecification withBearer(String accessToken) {
		return request().header("Authorization", "Bearer " + accessToken);
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
