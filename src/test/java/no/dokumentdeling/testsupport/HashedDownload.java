package no.dokumentdeling.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/** An ITI-68 download of a large document by a GP, hashed as it arrives and never held whole. */
public final class HashedDownload {

	/** Content-Type, Content-Length, bytes received, SHA-1 (hex) of a 200 answer. */
	public static String[] of(HttpClient client, String documentUrl) throws Exception {
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
		return new String[] {response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValue("Content-Length").orElse(""), String.valueOf(count),
				HexFormat.of().formatHex(sha1.digest())};
	}

	private HashedDownload() {}
}
