package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.dokumentdeling.testsupport.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a token gets when its issuer's signing keys cannot be fetched: the test issuer's real tokens, checked against
 * a JWKS URL on a real HTTP server in this test that answers with the issuer's keys, or not in time.
 */
class IssuerKeysTest {

	private final TestIssuer issuer = TestIssuer.dpop();
	private final CountDownLatch released = new CountDownLatch(1);
	private final AtomicBoolean answering = new AtomicBoolean(true);
	private HttpServer jwks;

	@AfterEach
	void stop() {
		released.countDown();
		if (jwks != null) {
			jwks.stop(0);
		}
	}

	@Test
	void ruleIssuerKeys_anIssuerWhoseJwksDoesNotAnswerInTimeIsA503NotA401() throws Exception {
		answering.set(false);
		AccessTokenValidator validator = validatorFor(startJwks(), Duration.ofHours(1));

		long start = System.nanoTime();
		assertThatThrownBy(() -> validator.validate(issuer.gp().build())).isInstanceOf(IssuerKeysUnavailable.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one fetch and its one retry, each cut at 300 ms")
				.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void ruleIssuerKeys_aKeyIdTheIssuerDoesNotPublishIsStillA401WhileItsJwksIsUnreachable() throws Exception {
		AccessTokenValidator validator = validatorFor(startJwks(), Duration.ofHours(1));
		assertThat(validator.validate(issuer.gp().build()).claims().getIssuer()).isEqualTo(issuer.issuer());

		answering.set(false);
		com.nimbusds.jose.jwk.RSAKey unknown = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("not-published")
				.generate();
		assertThatThrownBy(() -> validator.validate(issuer.gp().signedWith(unknown).build()))
				.isInstanceOf(AuthenticationFailure.class);
		assertThat(validator.validate(issuer.gp().build()).claims().getIssuer())
				.as("the published key is still known during the outage").isEqualTo(issuer.issuer());
	}

	private URI startJwks() throws Exception {
		jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		jwks.setExecutor(Executors.newCachedThreadPool());
		jwks.createContext("/jwks", exchange -> {
			try {
				if (!answering.get()) {
					released.await(10, TimeUnit.SECONDS);
				}
				byte[] body;
				try (var in = URI.create(issuer.jwksUri()).toURL().openStream()) {
					body = in.readAllBytes();
				}
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			} finally {
				exchange.close();
			}
		});
		jwks.start();
		return URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks");
	}

	private AccessTokenValidator validatorFor(URI jwksUri, Duration outageTolerance) {
		return new AccessTokenValidator(new SecurityProperties(null,
				List.of(new SecurityProperties.Issuer(issuer.issuer(), jwksUri, null, true)), null, null, null,
				Duration.ZERO, Duration.ofMillis(300), outageTolerance, Duration.ZERO));
	}
}
