package no.dokumentdeling.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An ITI-68 download of a large document by a GP, hashed as it arrives and never held whole: what a 200 answer
 * said (Content-Type, Content-Length) and what arrived (bytes received, SHA-1 in hex).
 */
public record HashedDownload(String contentType, String contentLength, long received, String sha1) {

	public static HashedDownload of(HttpClient client, String documentUrl) throws Exception {
		HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(documentUrl))
				.header("Accept", "*/*")
				.header("Authorization", "Bearer " + TestIssuer.bearer().gp().build())
				.timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
		long count = 0;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int n; (n = in.read(buffer)) > 0; count += n) {
				sha1.update(buffer, 0, n);
			}
		}
		return new HashedDownload(response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("Content-Length").orElse(""), count, HexFormat.of().formatHex(sha1.digest()));
	}

	/** {@code clients} downloads of the document at once, each on its own thread. */
	public static List<HashedDownload> concurrently(HttpClient client, String documentUrl, int clients) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<HashedDownload>> downloads = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				downloads.add(pool.submit(() -> of(client, documentUrl)));
			}
			List<HashedDownload> done = new ArrayList<>();
			for (Future<HashedDownload> download : downloads) {
				done.add(download.get());
			}
			return done;
		} finally {
			pool.shutdownNow();
		}
	}
}
