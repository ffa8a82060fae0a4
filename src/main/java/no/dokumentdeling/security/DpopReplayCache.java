package no.dokumentdeling.security;

import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The DPoP {@code jti} values seen, in a database table, so that a proof replayed against another replica is
 * refused as well. The primary key does the work: a second insert of the same proof is a duplicate-key violation,
 * atomically, on H2 and PostgreSQL alike. A proof is remembered for as long as it could still pass the {@code iat}
 * check; older rows are deleted now and then.
 */
final class DpopReplayCache implements SingleUseChecker<DPoPProofUse> {

	private static final String TABLE = "dd_dpop_jti";
	private static final long PURGE_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

	private final JdbcTemplate jdbc;
	private final Duration remembered;
	private final Clock clock;
	private final AtomicLong nextPurge = new AtomicLong();

	DpopReplayCache(DataSource dataSource, Duration remembered, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.remembered = remembered;
		this.clock = clock;
		createTable();
	}

	/** Records the proof as used; throws if any replica has recorded it before. */
	@Override
	public void markAsUsed(DPoPProofUse use) throws AlreadyUsedException {
		long now = clock.millis();
		purgeIfDue(now);
		// The issuer here is the proof key's thumbprint: a jti is unique per key, and hashing bounds the row size.
		String key = sha256(use.getIssuer().getValue() + " " + use.getJWTID().getValue());
		try {
			jdbc.update("INSERT INTO " + TABLE + " (jti_hash, expires_at) VALUES (?, ?)", key, now + remembered.toMillis());
		} catch (DuplicateKeyException e) {
			throw new AlreadyUsedException("The DPoP proof has been used before");
		}
	}

	private void purgeIfDue(long now) {
		long due = nextPurge.get();
		if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY_MILLIS)) {
			jdbc.update("DELETE FROM " + TABLE + " WHERE expires_at < ?", now);
		}
	}

	private void createTable() {
		try {
			jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE
					+ " (jti_hash VARCHAR(64) NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL)");
			jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_expires ON " + TABLE + " (expires_at)");
		} catch (DataAccessException e) {
			// Two replicas starting at once on PostgreSQL can race on IF NOT EXISTS; the loser finds the table made.
			jdbc.queryForObject("SELECT COUNT(*) FROM " + TABLE, Long.class);
		}
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
