package no.dokumentdeling.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a DPoP proof's {@code htu} names the URL a request was sent to. RFC 9449 §4.3 asks servers to compare after
 * RFC 3986 syntax- and scheme-based normalisation, so that a proof is not refused for how a client library spelled
 * the URL: case of scheme and host, a default port, percent-encoding. Paths are compared decoded, as this server
 * routes them. Query and fragment are not part of the comparison.
 *
 * <p>Nimbus, which checks the rest of the proof, compares {@code htu} as a string with the decoded path of the URL it
 * is given, so a proof that itself percent-encodes a character that needs no encoding ({@code %24} for {@code $})
 * is still refused; a request that does so is not.
 */
final class HtuMatching {

	/** The proof's own {@code htu} if it names {@code target}; empty if it names another URL or none. */
	static Optional<URI> htuNaming(Object htu, URI target) {
		if (!(htu instanceof String value)) {
			return Optional.empty();
		}
		try {
			URI named = new URI(value);
			return normalized(named).equals(normalized(target)) ? Optional.of(named) : Optional.empty();
		} catch (URISyntaxException e) {
			return Optional.empty();
		}
	}

	static String normalized(URI uri) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
		String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
		String userInfo = uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@";
		return scheme + "://" + userInfo + host + (port == -1 || defaultPort ? "" : ":" + port) + path;
	}

	private HtuMatching() {}
}
