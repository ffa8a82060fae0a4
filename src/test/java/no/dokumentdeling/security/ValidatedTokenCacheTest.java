package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a validated access token is remembered: the configured time, never past its exp plus leeway. */
class ValidatedTokenCacheTest {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
	private static final SecurityProperties.Issuer ISSUER =
			new SecurityProperties.Issuer("https://issuer.example", java.net.URI.create("https://issuer.example/jwks"), null, true);

	@Test
	void ruleTokenCache_rememberedForTheConfiguredTime() {
		MutableClock clock = new MutableClock(NOW);
		ValidatedTokenCache cache = new ValidatedTokenCache(Duration.ofMinutes(2), Duration.ofSeconds(30), 100, clock);
		cache.put(token("a", NOW.plus(Duration.ofMinutes(10))), "kid");

		clock.now = NOW.plusSeconds(119);
		assertThat(cache.get("a")).isPresent();
		clock.now = NOW.plusSeconds(120);
		assertThat(cache.get("a")).isEmpty();
	}

	@Test
	void ruleTokenCache_neverPastExpiryPlusLeeway() {
		MutableClock clock = new MutableClock(NOW);
		ValidatedTokenCache cache = new ValidatedTokenCache(Duration.ofMinutes(10), Duration.ofSeconds(30), 100, clock);
		cache.put(token("b", NOW.plusSeconds(60)), "kid");

		clock.now = NOW.plusSeconds(89);
		assertThat(cache.get("b")).isPresent();
		clock.now = NOW.plusSeconds(90);
		assertThat(cache.get("b")).isEmpty();
	}

	@Test
	void ruleTokenCache_zeroTtlRemembersNothing() {
		ValidatedTokenCache cache = new ValidatedTokenCache(Duration.ZERO, Duration.ofSeconds(30), 100, Clock.systemUTC());
		cache.put(token("c", Instant.now().plusSeconds(300)), "kid");

		assertThat(cache.get("c")).isEmpty();
	}

	private static AccessTokenValidator.ValidatedToken token(String value, Instant exp) {
		return new AccessTokenValidator.ValidatedToken(value,
				new JWTClaimsSet.Builder().expirationTime(Date.from(exp)).audience(List.of("dokumentdeling")).build(), ISSUER);
	}

	private static final class MutableClock extends Clock {
		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}
	}
}
