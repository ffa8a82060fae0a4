package no.dokumentdeling.federation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Reference publishing and federated ITI-68: which document repositories each source organisation may publish
 * references to, how this server authenticates there, and how patiently it waits for them. With no source
 * configured, every ITI-65 must carry its documents' bytes (central copy).
 *
 * @param client this server's own client credentials (OAuth 2.0 client credentials with {@code private_key_jwt}); its
 *     key also signs the on-behalf-of assertion sent with every federated read
 * @param sources per source organisation (organisasjonsnummer) the repositories it keeps its documents in
 * @param connectTimeout how long to wait for a repository's (or token endpoint's) TCP connection
 * @param readTimeout how long a repository may leave a read waiting: for the answer's headers and between two
 *     pieces of its body; beyond it the consumer gets 504
 * @param maxConnections connections open to all repositories together
 * @param maxConnectionsPerRepository connections open to one repository; a request that finds none free within
 *     {@code connectTimeout} gets 503
 * @param circuitBreaker when a failing repository is left alone for a while
 * @param allowHttp whether repository and token endpoint URLs may be plain {@code http} (development and tests
 *     only; documents and tokens must not travel unencrypted)
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.repositories")
public record RepositoriesProperties(
		@Valid Credentials client,
		@Valid List<Source> sources,
		Duration connectTimeout,
		Duration readTimeout,
		@Min(1) Integer maxConnections,
		@Min(1) Integer maxConnectionsPerRepository,
		@Valid CircuitBreaker circuitBreaker,
		Boolean allowHttp) {

	public RepositoriesProperties {
		sources = sources == null ? List.of() : List.copyOf(sources);
		if (connectTimeout == null) connectTimeout = Duration.ofSeconds(2);
		if (readTimeout == null) readTimeout = Duration.ofSeconds(10);
		if (maxConnections == null) maxConnections = 50;
		if (maxConnectionsPerRepository == null) maxConnectionsPerRepository = 10;
		if (circuitBreaker == null) circuitBreaker = new CircuitBreaker(null, null, null, null);
		if (allowHttp == null) allowHttp = Boolean.FALSE;
		for (Source source : sources) {
			for (Repository repository : source.repositories()) {
				requireSecure(repository.baseUrl(), allowHttp);
				if (repository.tokenEndpoint() != null) {
					requireSecure(repository.tokenEndpoint(), allowHttp);
				}
				if (repository.tokenEndpoint() != null && repository.credentials(client).isEmpty()) {
					throw new IllegalArgumentException("dokumentdeling.repositories: " + repository.baseUrl()
							+ " has a token-endpoint but neither it nor dokumentdeling.repositories.client has credentials");
				}
			}
		}
	}

	/** The repositories configured for an organisation (parent or child organisasjonsnummer of a token). */
	public List<Repository> repositoriesOf(String orgnr) {
		return sources.stream().filter(s -> s.orgnr().equals(orgnr)).flatMap(s -> s.repositories().stream()).toList();
	}

	/** Every configured repository, once. */
	public List<Repository> allRepositories() {
		return sources.stream().flatMap(s -> s.repositories().stream()).distinct().toList();
	}

	private static void requireSecure(URI url, boolean allowHttp) {
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (!"https".equals(scheme) && !(allowHttp && "http".equals(scheme))) {
			throw new IllegalArgumentException("dokumentdeling.repositories: " + url + " is not an https URL");
		}
		if (url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
			throw new IllegalArgumentException("dokumentdeling.repositories: " + url + " needs a host and no query or fragment");
		}
	}

	/**
	 * An OAuth 2.0 client registration: the client id and its private key (a JWK with {@code kid}, RSA or EC), given
	 * as a file or inline.
	 */
	public record Credentials(String clientId, Path privateKeyFile, String privateKey) {

		public Credentials {
			if (privateKeyFile != null && privateKey != null) {
				throw new IllegalArgumentException("dokumentdeling.repositories: give private-key-file or private-key, not both");
			}
		}

		boolean isComplete() {
			return clientId != null && !clientId.isBlank() && (privateKeyFile != null || privateKey != null);
		}
	}

	/** A source organisation and the repositories its references may point into. */
	public record Source(@NotBlank String orgnr, @NotEmpty @Valid List<Repository> repositories) {}

	/**
	 * One document repository: an MHD Document Responder whose ITI-68 URLs start with {@code baseUrl}.
	 *
	 * @param baseUrl origin and path prefix, e.g. {@code https://mhd.sykehus.no/fhir/}; a reference's URL must start
	 *     with it (compared after normalising scheme, host and default port)
	 * @param tokenEndpoint where this server gets its access token for the repository (client credentials with
	 *     {@code private_key_jwt}); none means the repository is read without a token
	 * @param scope the scope asked for
	 * @param credentials another client registration for this repository, when not {@code dokumentdeling.repositories.client}
	 * @param dpop whether tokens are DPoP-bound and every request carries a proof (default true, as HelseID's APIs demand)
	 */
	public record Repository(
			@NotNull URI baseUrl,
			URI tokenEndpoint,
			String scope,
			@Valid Credentials credentials,
			Boolean dpop) {

		public Repository {
			if (dpop == null) dpop = Boolean.TRUE;
		}

		Optional<Credentials> credentials(Credentials client) {
			return Optional.ofNullable(credentials).filter(Credentials::isComplete)
					.or(() -> Optional.ofNullable(client).filter(Credentials::isComplete));
		}
	}

	/**
	 * Resilience4j's count-based circuit breaker per repository: once {@code failureRateThreshold} percent of the last
	 * {@code slidingWindowSize} reads (at least {@code minimumNumberOfCalls}) failed, reads of that repository are
	 * refused at once (503) for {@code waitInOpenState}; then a few trial reads decide.
	 */
	public record CircuitBreaker(
			@Min(1) @Max(100) Integer failureRateThreshold,
			@Min(1) Integer slidingWindowSize,
			@Min(1) Integer minimumNumberOfCalls,
			Duration waitInOpenState) {

		public CircuitBreaker {
			if (failureRateThreshold == null) failureRateThreshold = 50;
			if (slidingWindowSize == null) slidingWindowSize = 20;
			if (minimumNumberOfCalls == null) minimumNumberOfCalls = 10;
			if (waitInOpenState == null) waitInOpenState = Duration.ofSeconds(30);
		}
	}
}
