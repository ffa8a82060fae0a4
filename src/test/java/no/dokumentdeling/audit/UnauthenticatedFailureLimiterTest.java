package no.dokumentdeling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The limits on records of unauthenticated failures, on a clock the test moves. */
class UnauthenticatedFailureLimiterTest {

	private final MovableClock clock = new MovableClock();

	private UnauthenticatedFailureLimiter limiter(int perSource, int total, int maxTrackedSources) {
		return new UnauthenticatedFailureLimiter(new AuditProperties.UnauthenticatedFailures(
				perSource, total, Duration.ofMinutes(1), Duration.ofMinutes(1), maxTrackedSources), clock);
	}

	@Test
	void aSourceGetsItsBurstThenWhatRefills() {
		UnauthenticatedFailureLimiter limiter = limiter(3, 100, 100);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
		}
		assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();
		assertThat(limiter.tryAcquire("198.51.100.1")).as("another source has its own budget").isTrue();

		clock.advance(Duration.ofSeconds(20));
		assertThat(limiter.tryAcquire("203.0.113.7")).as("3 per minute: one back after 20 s").isTrue();
		assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();

		UnauthenticatedFailureLimiter.Suppressed suppressed = limiter.drain();
		assertThat(suppressed.sources()).containsExactly(new UnauthenticatedFailureLimiter.SourceCount("203.0.113.7", 2));
		assertThat(suppressed.total()).isEqualTo(2);
		assertThat(limiter.drain().isEmpty()).as("counted once").isTrue();
	}

	@Test
	void theTotalHoldsWhateverTheNumberOfSources() {
		UnauthenticatedFailureLimiter limiter = limiter(3, 5, 100);
		int written = 0;
		for (int i = 0; i < 20; i++) {
			written += limiter.tryAcquire("192.0.2." + i) ? 1 : 0;
		}
		assertThat(written).isEqualTo(5);
		assertThat(limiter.drain().total()).isEqualTo(15);
	}

	@Test
	void anIpv6SourceIsItsSlash64() {
		UnauthenticatedFailureLimiter limiter = limiter(2, 100, 100);
		assertThat(limiter.tryAcquire("2001:db8:1:2::1")).isTrue();
		assertThat(limiter.tryAcquire("2001:db8:1:2:ffff:ffff:ffff:9")).isTrue();
		assertThat(limiter.tryAcquire("2001:db8:1:2:abcd::5")).as("same /64, budget spent").isFalse();
		assertThat(limiter.tryAcquire("2001:db8:1:3::1")).as("another /64").isTrue();
		assertThat(limiter.drain().sources())
				.containsExactly(new UnauthenticatedFailureLimiter.SourceCount("2001:db8:1:2::/64", 1));
		assertThat(UnauthenticatedFailureLimiter.sourceOf("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
	}

	@Test
	void sourcesBeyondTheTrackedOnesShareOneBudget() {
		UnauthenticatedFailureLimiter limiter = limiter(1, 100, 2);
		assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
		assertThat(limiter.tryAcquire("192.0.2.2")).isTrue();
		assertThat(limiter.tryAcquire("192.0.2.3")).isTrue();
		assertThat(limiter.tryAcquire("192.0.2.4")).as("untracked sources share one budget").isFalse();
		assertThat(limiter.drain().sources()).containsExactly(
				new UnauthenticatedFailureLimiter.SourceCount(UnauthenticatedFailureLimiter.OTHER_SOURCES, 1));
	}

	@Test
	void quietSourcesAreForgotten() {
		UnauthenticatedFailureLimiter limiter = limiter(1, 100, 1);
		assertThat(limiter.tryAcquire("192.0.2.1")).isTrue();
		clock.advance(Duration.ofMinutes(1));
		limiter.drain();
		assertThat(limiter.tryAcquire("192.0.2.2")).as("tracked again: the quiet source made room").isTrue();
		assertThat(limiter.tryAcquire("192.0.2.2")).isFalse();
		assertThat(limiter.drain().sources())
				.containsExactly(new UnauthenticatedFailureLimiter.SourceCount("192.0.2.2", 1));
	}

	private static final class MovableClock extends Clock {
		private Instant now = Instant.parse("2025-01-01T00:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
