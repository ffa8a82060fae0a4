package no.dokumentdeling.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/**
 * Access tokens that passed every check, by the hash of the token, so that a client reusing its token (as HelseID
 * clients do for the token's lifetime) pays for the signature check once rather than on every request. A token is
 * remembered for at most {@code ttl} and never past its {@code exp} plus leeway. The caller of {@link #get} must still
 * see the signing key in the issuer's current JWKS: a key withdrawn from the JWKS ends its cached tokens as soon as the
 * JWKS is fetched again. The DPoP proof is not cached; every request still proves possession of the key.
 */
final class ValidatedTokenCache {

	/** A validated token and the id of the key that signed it. */
	record Entry(AccessTokenValidator.ValidatedToken token, String keyId, long validUntilMillis) {}

	private final Cache<String, Entry> entries;
	private final Duration ttl;
	private final Duration leeway;
	private final Clock clock;

	ValidatedTokenCache(Duration ttl, Duration leeway, int maximumSize, Clock clock) {
		this.ttl = ttl;
		this.leeway = leeway;
		this.clock = clock;
		this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl.isZero() ? Duration.ofMillis(1) : ttl).build();
	}

	boolean enabled() {
		return !ttl.isZero();
	}

	Optional<Entry> get(String token) {
		if (!enabled()) {
			return Optional.empty();
		}
		Entry entry = entries.getIfPresent(ExpiringTable.sha256(token));
		if (entry == null || clock.millis() >= entry.validUntilMillis() || !entry.token().value().equals(token)) {
			return Optional.empty();
		}
		return Optional.of(entry);
	}

	void put(AccessTokenValidator.ValidatedToken token, String keyId) {
		if (!enabled()) {
			return;
		}
		Date exp = token.claims().getExpirationTime();
		long until = Math.min(clock.millis() + ttl.toMillis(), exp.getTime() + leeway.toMillis());
		entries.put(ExpiringTable.sha256(token.value()), new Entry(token, keyId, until));
	}

	void forget(String token) {
		entries.invalidate(ExpiringTable.sha256(token));
	}
}
