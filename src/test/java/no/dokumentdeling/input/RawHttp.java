package no.dokumentdeling.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP as bytes over a plain socket, for requests no HTTP client sends: a raw {@code |} in the query, a broken request
 * line, control characters, conflicting length headers.
 */
final class RawHttp {

	/** What came back: the status (0 when the server closed without answering), the header block and the body. */
	record Answer(int status, String headers, String body) {

		String contentType() {
			for (String line : headers.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
					return line.substring("content-type:".length()).trim();
				}
			}
			return "";
		}
	}

	private RawHttp() {}

	static Answer send(int port, byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				socket.shutdownOutput();
			} catch (IOException closedEarly) {
				// The server may answer and close before it has read everything: read what it said.
			}
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n; (n = in.read(buffer)) >= 0; ) {
					received.write(buffer, 0, n);
				}
			} catch (SocketTimeoutException | java.net.SocketException stopped) {
				// keep what arrived
			}
			return parse(received.toString(StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new IllegalStateException("Cannot talk to the server: " + e, e);
		}
	}

	static Answer send(int port, String request) {
		return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static Answer parse(String raw) {
		if (!raw.startsWith("HTTP/")) {
			return new Answer(0, "", raw);
		}
		int headerEnd = raw.indexOf("\r\n\r\n");
		String head = headerEnd < 0 ? raw : raw.substring(0, headerEnd);
		String body = headerEnd < 0 ? "" : raw.substring(headerEnd + 4);
		int status = Integer.parseInt(head.substring(9, 12));
		return new Answer(status, head, body);
	}
}
