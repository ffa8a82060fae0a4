package no.dokumentdeling.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which configured repository a document URL belongs to: the one whose base URL (origin and path prefix) it starts
 * with, compared after normalising scheme and host case and a default port, and never by a path that only looks like
 * the prefix ({@code /fhir-evil} is not under {@code /fhir}).
 */
@Component
public class RepositoryDirectory {

	private final RepositoriesProperties properties;

	public RepositoryDirectory(RepositoriesProperties properties) {
		this.properties = properties;
	}

	/** The repository of one of these organisations that {@code url} lies in. */
	public Optional<RepositoriesProperties.Repository> ofSource(Collection<String> orgnrs, String url) {
		return orgnrs.stream().flatMap(orgnr -> properties.repositoriesOf(orgnr).stream())
				.filter(repository -> contains(repository, url)).findFirst();
	}

	/** The configured repository {@code url} lies in, whichever source it is configured for. */
	public Optional<RepositoriesProperties.Repository> of(String url) {
		return properties.allRepositories().stream().filter(repository -> contains(repository, url)).findFirst();
	}

	static boolean contains(RepositoriesProperties.Repository repository, String url) {
		Optional<String> document = normalized(url);
		Optional<String> base = normalized(repository.baseUrl().toString());
		if (document.isEmpty() || base.isEmpty()) {
			return false;
		}
		String prefix = base.get().endsWith("/") ? base.get() : base.get() + "/";
		return document.get().startsWith(prefix) && document.get().length() > prefix.length();
	}

	/** Scheme and host in lower case, no default port, the path with dot segments resolved; empty if not absolute. */
	static Optional<String> normalized(String url) {
		try {
			URI uri = new URI(url).normalize();
			if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
				return Optional.empty();
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			int port = uri.getPort();
			boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
			String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
			if (path.contains("/../") || path.endsWith("/..")) {
				return Optional.empty();
			}
			return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path);
		} catch (URISyntaxException e) {
			return Optional.empty();
		}
	}
}
