package no.dokumentdeling.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.OnBehalfAssertion;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads a referenced document's bytes from its repository: one bounded connection pool for all repositories (and
 * per repository), connect and read timeouts, and a circuit breaker per repository, so that a repository that is
 * down or slow costs its own readers a quick 502/503/504 and nobody else anything. The request carries this
 * server's access token for the repository (DPoP-bound if configured) and the {@link OnBehalfAssertion} naming the
 * person read for. Nothing is cached: each read streams from the repository.
 */
@Component
public class RepositoryClient implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RepositoryClient.class);

	private final RepositoryDirectory directory;
	private final RepositoryTokens tokens;
	private final OnBehalfAssertions assertions;
	private final CloseableHttpClient http;
	private final CircuitBreakerRegistry breakers;

	public RepositoryClient(RepositoriesProperties properties, RepositoryDirectory directory) {
		this.directory = directory;
		this.tokens = new RepositoryTokens(properties, Clock.systemUTC());
		this.assertions = new OnBehalfAssertions(Clock.systemUTC());
		Timeout connect = Timeout.of(properties.connectTimeout());
		Timeout read = Timeout.of(properties.readTimeout());
		this.http = HttpClients.custom()
				.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
						.setMaxConnTotal(properties.maxConnections())
						.setMaxConnPerRoute(properties.maxConnectionsPerRepository())
						.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
						.build())
				.setDefaultRequestConfig(RequestConfig.custom()
						.setConnectionRequestTimeout(connect)
						.setResponseTimeout(read)
						.setRedirectsEnabled(false)
						.build())
				.disableAutomaticRetries()
				.disableCookieManagement()
				.build();
		RepositoriesProperties.CircuitBreaker settings = properties.circuitBreaker();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
				.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
				.slidingWindowSize(settings.slidingWindowSize())
				.minimumNumberOfCalls(settings.minimumNumberOfCalls())
				.failureRateThreshold(settings.failureRateThreshold())
				.waitDurationInOpenState(settings.waitInOpenState())
				.permittedNumberOfCallsInHalfOpenState(1)
				.build());
	}

	/**
	 * Opens the document at its repository: the answer's headers are in (a Content-Length, if given, is the
	 * document's size), its body not yet read. The caller reads
	 * the body, then reports how the read ended ({@link Fetched#succeeded}, {@link Fetched#failed}) and closes it.
	 *
	 * @param patientIdentifier the patient as {@code system|value}, for the assertion, or null
	 * @throws RepositoryFailure when the repository cannot give the document now
	 */
	public Fetched open(RepositoryDocument document, Caller caller, String patientIdentifier) {
		RepositoriesProperties.Repository repository = directory.of(document.url())
				.orElseThrow(RepositoryFailure::notConfigured);
		CircuitBreaker breaker = breakers.circuitBreaker(repository.baseUrl().toString());
		if (!breaker.tryAcquirePermission()) {
			throw RepositoryFailure.circuitOpen();
		}
		long start = System.nanoTime();
		try {
			ClassicHttpResponse response = send(repository, document, caller, patientIdentifier);
			if (response.getCode() == 401 && repository.tokenEndpoint() != null) {
				// The token may have been revoked or the repository's clock be ahead: one more try with a new token.
				response.close();
				tokens.refused(repository);
				response = send(repository, document, caller, patientIdentifier);
			}
			if (response.getCode() != 200 || response.getEntity() == null) {
				int status = response.getCode();
				response.close();
				if (status >= 500) {
					breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, new IOException("status " + status));
				} else {
					// A repository that refuses (4xx) is up: it says no to this request, which must not open the circuit.
					breaker.releasePermission();
				}
				throw RepositoryFailure.refused(status);
			}
			long offered = response.getEntity().getContentLength();
			if (offered >= 0 && offered != document.size()) {
				response.close();
				RepositoryFailure failure = RepositoryFailure.integrity("the repository offers " + offered
						+ " bytes for a document of " + document.size());
				breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
				throw failure;
			}
			return new Fetched(response, breaker, start);
		} catch (IOException e) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
			log.warn("Federated ITI-68: {} failed: {}", repository.baseUrl(), e.toString());
			throw classify(e);
		}
	}

	private ClassicHttpResponse send(RepositoriesProperties.Repository repository, RepositoryDocument document,
			Caller caller, String patientIdentifier) throws IOException {
		HttpGet get = new HttpGet(URI.create(document.url()));
		get.setHeader("Accept", document.contentType() == null ? "*/*" : document.contentType() + ", */*;q=0.1");
		try {
			var grant = tokens.grant(repository);
			if (grant.isPresent()) {
				var token = grant.get().token();
				if (grant.get().dpop().isPresent()) {
					DPoPProofFactory dpop = grant.get().dpop().get();
					get.setHeader("Authorization", "DPoP " + token.getValue());
					get.setHeader("DPoP", dpop.createDPoPJWT("GET", URI.create(document.url()), token).serialize());
				} else {
					get.setHeader("Authorization", "Bearer " + token.getValue());
				}
			}
			var key = tokens.key(repository);
			if (key.isPresent()) {
				get.setHeader(OnBehalfAssertion.HEADER, assertions.sign(key.get(), caller, document.url(), patientIdentifier));
			}
			if (caller.eventId() != null) {
				get.setHeader("nhn-event-id", caller.eventId());
			}
		} catch (JOSEException e) {
			throw new IOException("Cannot sign for " + repository.baseUrl(), e);
		}
		return http.executeOpen(null, get, null);
	}

	private static RepositoryFailure classify(IOException e) {
		if (e instanceof ConnectionRequestTimeoutException) {
			return RepositoryFailure.noConnectionFree();
		}
		if (e instanceof HttpHostConnectException) {
			return RepositoryFailure.unreachable();
		}
		if (e instanceof InterruptedIOException) {
			// Connect and read timeouts alike: the repository is there but does not answer in time.
			return RepositoryFailure.tooSlow();
		}
		return RepositoryFailure.unreachable();
	}

	@Override
	public void destroy() throws IOException {
		http.close();
	}

	/** A repository's answer being read; closing it before its end drops the connection rather than reading on. */
	public static final class Fetched implements AutoCloseable {

		private final ClassicHttpResponse response;
		private final CircuitBreaker breaker;
		private final long start;
		private boolean reported;

		private Fetched(ClassicHttpResponse response, CircuitBreaker breaker, long start) {
			this.response = response;
			this.breaker = breaker;
			this.start = start;
		}

		/**
		 * Copies the document to {@code out}, checked ({@link VerifiedCopy}), and reports the outcome to the
		 * repository's circuit breaker. A consumer that went away meanwhile ends the copy quietly.
		 *
		 * @throws RepositoryFailure an integrity failure, or the repository broke off or stalled
		 */
		public void copyTo(OutputStream out, RepositoryDocument document) throws IOException {
			try {
				VerifiedCopy.copy(response.getEntity().getContent(), out, document);
				succeeded();
			} catch (RepositoryFailure failure) {
				failed(failure);
				throw failure;
			} catch (VerifiedCopy.RepositoryBroke e) {
				failed(e);
				log.warn("Federated ITI-68: the repository broke off: {}", e.getCause().toString());
				throw e.getCause() instanceof InterruptedIOException ? RepositoryFailure.tooSlow() : RepositoryFailure.unreachable();
			} catch (VerifiedCopy.ConsumerGone e) {
				abandoned();
				log.debug("Federated ITI-68: the consumer went away", e);
			}
		}

		void succeeded() {
			report(() -> breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS));
		}

		/** The repository failed while its bytes were read (timeout, broken connection, other bytes). */
		void failed(Throwable cause) {
			report(() -> breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, cause));
		}

		/** The read ended for a reason that is not the repository's (the consumer went away). */
		void abandoned() {
			report(breaker::releasePermission);
		}

		private void report(Runnable outcome) {
			if (!reported) {
				reported = true;
				outcome.run();
			}
		}

		@Override
		public void close() throws IOException {
			abandoned();
			response.close();
		}
	}
}
