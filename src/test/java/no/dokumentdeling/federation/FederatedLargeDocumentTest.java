package no.dokumentdeling.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import no.dokumentdeling.testsupport.FederatingIndexClient;
import no.dokumentdeling.testsupport.HashedDownload;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Federated ITI-68 streams: a 50 MB document published by reference is read, byte-identical, by four clients at once
 * through an index started in its own JVM with {@code -Xmx256m}, which could not hold four copies of it. The
 * repository is a plain HTTP server in the test serving the bytes with their Content-Length.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedLargeDocumentTest {

	static final int SIZE = 50 * 1024 * 1024;
	static final int CLIENTS = 4;

	private final HttpClient client = HttpClient.newHttpClient();
	private final AtomicInteger served = new AtomicInteger();
	private HttpServer repository;
	private ServerProcess index;
	private String documentUrl;
	private String expectedSha1;

	@BeforeAll
	void startRepositoryAndIndexAndPublish() throws Exception {
		byte[] document = new byte[SIZE];
		new Random(6868).nextBytes(document);
		byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(document);
		expectedSha1 = HexFormat.of().formatHex(sha1);
		repository = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		repository.setExecutor(Executors.newFixedThreadPool(CLIENTS));
		repository.createContext("/fhir/Binary/", exchange -> {
			served.incrementAndGet();
			exchange.getResponseHeaders().add("Content-Type", "application/pdf");
			exchange.sendResponseHeaders(200, SIZE);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(document);
			}
		});
		repository.start();
		String repositoryBase = "http://127.0.0.1:" + repository.getAddress().getPort() + "/fhir/";

		Map<String, String> properties = new HashMap<>();
		FederatingIndexClient.get().clientCredentials().forEach((k, v) -> properties.put(k, v.toString()));
		properties.put("dokumentdeling.repositories.allow-http", "true");
		properties.put("dokumentdeling.repositories.sources[0].orgnr", "993467049");
		properties.put("dokumentdeling.repositories.sources[0].repositories[0].base-url", repositoryBase);
		properties.put("dokumentdeling.repositories.sources[0].repositories[0].dpop", "false");
		// The repository is this test JVM, which shares the 2 cores with the other test JVM of the run: with the
		// production read timeout (10 s) a busy machine, not the streaming, would decide the answer. The timeouts
		// themselves are FederatedRetrieveContract's (a slow repository gives 504).
		properties.put("dokumentdeling.repositories.read-timeout", "60s");
		// This index only publishes small references and streams; the R4 validator's definitions would not fit
		// beside four streams in this heap (as in the stored-document streaming test).
		properties.put("dokumentdeling.provide.fhir-r4-validation", "false");
		properties.put("spring.datasource.hikari.maximum-pool-size", "8");
		index = ServerProcess.start(TestDatabase.emptyH2File().migrated(),
				List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), properties, ServerProcess.PATIENCE);

		String fnr = SyntheticFodselsnummer.next();
		String bundle = ProvideBundleBuilder.forPatient(fnr)
				.withReference("E00-1", "E01-2", "application/pdf", repositoryBase + "Binary/large", SIZE, sha1).json();
		HttpResponse<String> published = client.send(HttpRequest.newBuilder(URI.create(index.baseUrl()))
				.header("Authorization", "Bearer " + TestIssuer.bearer().source().build())
				.header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(bundle)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		HttpResponse<String> found = client.send(HttpRequest.newBuilder(
				URI.create(index.baseUrl() + "/DocumentReference?patient.identifier=" + fnr))
				.header("Authorization", "Bearer " + TestIssuer.bearer().gp().build()).build(), HttpResponse.BodyHandlers.ofString());
		documentUrl = new JsonPath(found.body()).getString("entry[0].resource.content[0].attachment.url");
		assertThat(documentUrl).startsWith(index.baseUrl() + "/Binary/");
	}

	@Test
	void fiftyMegabyteReferencedDocumentStreamsToFourClientsAtOnceThroughA256MegabyteIndex() throws Exception {
		for (HashedDownload download : HashedDownload.concurrently(client, documentUrl, CLIENTS)) {
			assertThat(download.contentType()).isEqualTo("application/pdf");
			assertThat(download.contentLength()).isEqualTo(String.valueOf(SIZE));
			assertThat(download.received()).isEqualTo(SIZE);
			assertThat(download.sha1()).isEqualTo(expectedSha1);
		}
		assertThat(served.get()).as("every read went to the repository: no bytes are cached").isEqualTo(CLIENTS);
		assertThat(index.isAlive()).as("index alive; log: " + index.log()).isTrue();
		assertThat(Files.readString(index.log())).doesNotContain("OutOfMemoryError");
	}

	@AfterAll
	void stop() throws InterruptedException {
		if (index != null) {
			index.close();
		}
		if (repository != null) {
			repository.stop(0);
		}
	}
}
