package no.dokumentdeling.mhd.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import no.dokumentdeling.testsupport.HashedDownload;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ITI-68 streams: a 50 MB document is served, byte-identical, to four clients at once by a server started in its
 * own JVM with {@code -Xmx256m}, which could not hold four copies of it (let alone their base64). The document is
 * published through the shared PostgreSQL server (ITI-65 decodes base64 in memory, which a 256 MB heap cannot do
 * for 50 MB); the small server runs on the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeDocumentStreamingTest {

	static final int SIZE = 50 * 1024 * 1024;
	static final int CLIENTS = 4;

	private ServerProcess smallServer;
	private String documentUrl;
	private String expectedSha1;

	@BeforeAll
	void publishAndStartSmallServer() throws Exception {
		TestServer shared = SharedServers.postgres();
		byte[] document = new byte[SIZE];
		new Random(68).nextBytes(document);
		expectedSha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(document));
		String fnr = SyntheticFodselsnummer.next();
		String bundle = ProvideBundleBuilder.forPatient(fnr).withDocument("E00-1", "E01-2", "application/pdf", document).json();
		document = null;
		shared.asSource().contentType("application/fhir+json").body(bundle).post().then().statusCode(200);
		bundle = null;
		String url = shared.asReader().get("/DocumentReference?patient.identifier=" + fnr).then().statusCode(200)
				.extract().jsonPath().getString("entry[0].resource.content[0].attachment.url");
		String path = url.substring(url.indexOf("/Binary/"));

		smallServer = ServerProcess.start(shared.database(), List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
				// This server only retrieves; the R4 validator's definitions (publishing's second line) would not fit
				// beside four 50 MB streams in this heap.
				Map.of("spring.datasource.hikari.maximum-pool-size", "8", "dokumentdeling.storage.mode", "database",
						"dokumentdeling.provide.fhir-r4-validation", "false"),
				ServerProcess.PATIENCE);
		documentUrl = smallServer.baseUrl() + path;
	}

	@Test
	void fiftyMegabyteDocumentStreamsToFourClientsAtOnceFromA256MegabyteHeap() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (HashedDownload download : HashedDownload.concurrently(client, documentUrl, CLIENTS)) {
			assertThat(download.contentType()).isEqualTo("application/pdf");
			assertThat(download.contentLength()).isEqualTo(String.valueOf(SIZE));
			assertThat(download.received()).isEqualTo(SIZE);
			assertThat(download.sha1()).isEqualTo(expectedSha1);
		}
		assertThat(smallServer.isAlive()).as("server alive; log: " + smallServer.log()).isTrue();
		assertThat(Files.readString(smallServer.log())).doesNotContain("OutOfMemoryError");
	}

	@AfterAll
	void stopSmallServer() throws InterruptedException {
		if (smallServer != null) {
			smallServer.close();
		}
	}
}
