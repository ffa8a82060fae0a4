package no.dokumentdeling.federation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * A document repository that misbehaves, for the federated ITI-68 tests: under {@code /slow/fhir/} it answers after
 * {@code delay}, under {@code /tampered/fhir/} it serves other bytes of the declared length ({@code Binary/large}
 * the large ones, anything else the small ones). {@link #deadBaseUrl()}
 * names a port nobody listens on (a repository that is down).
 */
final class StubRepository implements AutoCloseable {

	private final HttpServer http;
	private final int deadPort;

	StubRepository(byte[] tampered, byte[] tamperedLarge, Duration delay) {
		try {
			http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				deadPort = socket.getLocalPort();
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		http.setExecutor(Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "stub-repository");
			thread.setDaemon(true);
			return thread;
		}));
		http.createContext("/slow/fhir/", exchange -> {
			try {
				Thread.sleep(delay.toMillis());
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(200, tampered.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(tampered);
			} catch (IOException gone) {
				// the index gave up waiting
			}
		});
		http.createContext("/tampered/fhir/", exchange -> {
			byte[] bytes = exchange.getRequestURI().getPath().endsWith("/large") ? tamperedLarge : tampered;
			exchange.getResponseHeaders().add("Content-Type", "application/pdf");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			} catch (IOException gone) {
				// the index cut the read short
			}
		});
		http.start();
	}

	String slowBaseUrl() {
		return base() + "/slow/fhir/";
	}

	String tamperedBaseUrl() {
		return base() + "/tampered/fhir/";
	}

	String deadBaseUrl() {
		return "http://127.0.0.1:" + deadPort + "/down/fhir/";
	}

	private String base() {
		return "http://127.0.0.1:" + http.getAddress().getPort();
	}

	@Override
	public void close() {
		http.stop(0);
	}
}
