package no.dokumentdeling.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.TestIssuer;

/**
 * How the benchmark's clients call a server. Against dokumentdeling they do what production clients do: a
 * DPoP-bound HelseID token (kept until shortly before it expires, as clients keep theirs), a fresh DPoP proof for
 * every request, and an {@code nhn-event-id}. Against the plain HAPI baseline they send nothing of that.
 */
abstract class BenchClient {

	enum Role { SOURCE, READER }

	/** A request builder for {@code method url}, with what this kind of client sends. */
	abstract HttpRequest.Builder request(String method, String url, Role role);

	static BenchClient plain() {
		return new BenchClient() {
			@Override
			HttpRequest.Builder request(String method, String url, Role role) {
				return HttpRequest.newBuilder(URI.create(url));
			}
		};
	}

	static BenchClient dpop() {
		return new Dpop();
	}

	private static final class Dpop extends BenchClient {
		private final DpopKey sourceKey = DpopKey.generate();
		private final DpopKey readerKey = DpopKey.generate();
		private final Renewed source = new Renewed(() -> TestIssuer.dpop().source().boundTo(sourceKey).build());
		private final Renewed reader = new Renewed(() -> TestIssuer.dpop().gp().boundTo(readerKey).build());

		@Override
		HttpRequest.Builder request(String method, String url, Role role) {
			String token = (role == Role.SOURCE ? source : reader).get();
			DpopKey key = role == Role.SOURCE ? sourceKey : readerKey;
			return HttpRequest.newBuilder(URI.create(url))
					.header("Authorization", "DPoP " + token)
					.header("DPoP", key.proof(method, url, token))
					.header("nhn-event-id", UUID.randomUUID().toString());
		}
	}

	/** A token of the test issuer (valid five minutes), renewed a minute before it would expire. */
	private static final class Renewed {
		private final Supplier<String> mint;
		private String token;
		private Instant minted = Instant.EPOCH;

		Renewed(Supplier<String> mint) {
			this.mint = mint;
		}

		synchronized String get() {
			if (Duration.between(minted, Instant.now()).compareTo(Duration.ofMinutes(4)) > 0) {
				token = mint.get();
				minted = Instant.now();
			}
			return token;
		}
	}
}
