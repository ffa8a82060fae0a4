package no.dokumentdeling.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import no.dokumentdeling.testsupport.TestIssuer;

/**
 * Bearer tokens from the test issuer the benchmarked server trusts (it allows Bearer), minted once a minute so that
 * signing them stays outside the measured requests while the server still validates every one.
 */
final class BenchTokens {

	private static final Cached SOURCE = new Cached(() -> TestIssuer.bearer().source().build());
	private static final Cached READER = new Cached(() -> TestIssuer.bearer().gp().build());

	static String source() {
		return "Bearer " + SOURCE.get();
	}

	static String reader() {
		return "Bearer " + READER.get();
	}

	private static final class Cached {
		private final Supplier<String> mint;
		private String token;
		private Instant minted = Instant.EPOCH;

		Cached(Supplier<String> mint) {
			this.mint = mint;
		}

		synchronized String get() {
			if (Duration.between(minted, Instant.now()).compareTo(Duration.ofMinutes(1)) > 0) {
				token = mint.get();
				minted = Instant.now();
			}
			return token;
		}
	}

	private BenchTokens() {}
}
