package no.dokumentdeling.security;

import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPProofUse;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The DPoP {@code jti} values seen, in a database table, so that a proof replayed against another replica is
 * refused as well. The primary key does the work, atomically: one autocommitted statement per proof, which on
 * PostgreSQL is {@code INSERT ... ON CONFLICT DO NOTHING} (a replay inserts no row) and on H2 a plain insert whose
 * duplicate-key violation is the replay. A proof is remembered for as long as it could still pass the {@code iat}
 * check; older rows are deleted in one statement at most once a minute per replica.
 */
final class DpopReplayCache implements SingleUseChecker<DPoPProofUse> {

	private final JdbcTemplate jdbc;
	private final ExpiringTable table;
	private final Duration remembered;
	private final Clock clock;

	DpopReplayCache(DataSource dataSource, Duration remembered, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.table = new ExpiringTable(jdbc, "dd_dpop_jti");
		this.remembered = remembered;
		this.clock = clock;
	}

	/** Records the proof as used; throws if any replica has recorded it before. */
	@Override
	public void markAsUsed(DPoPProofUse use) throws AlreadyUsedException {
		long now = clock.millis();
		table.purgeIfDue(now);
		// The issuer here is the proof key's thumbprint: a jti is unique per key, and hashing bounds the row size.
		String key = ExpiringTable.sha256(use.getIssuer().getValue() + " " + use.getJWTID().getValue());
		long expiresAt = now + remembered.toMillis();
		if (table.onPostgres()) {
			if (jdbc.update("INSERT INTO " + table.name() + " (jti_hash, expires_at) VALUES (?, ?) ON CONFLICT (jti_hash) DO NOTHING",
					key, expiresAt) == 0) {
				throw new AlreadyUsedException("The DPoP proof has been used before");
			}
			return;
		}
		try {
			jdbc.update("INSERT INTO " + table.name() + " (jti_hash, expires_at) VALUES (?, ?)", key, expiresAt);
		} catch (DuplicateKeyException e) {
			throw new AlreadyUsedException("The DPoP proof has been used before");
		}
	}
}
