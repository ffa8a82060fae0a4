package no.dokumentdeling.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import no.dokumentdeling.schema.SchemaDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small table of security facts every replica must share (DPoP proofs seen, who started a search), each row
 * with an {@code expires_at}; rows past it are deleted now and then by whichever replica writes next. The tables are
 * created by the schema migrations, never by a replica at its start.
 */
final class ExpiringTable {

	private static final long PURGE_EVERY_MILLIS = 60_000;

	private final JdbcTemplate jdbc;
	private final String name;
	private final AtomicLong nextPurge = new AtomicLong();
	private final boolean onPostgres;

	/** @param name a table of the schema migrations ({@code db/dokumentdeling}) */
	ExpiringTable(JdbcTemplate jdbc, String name) {
		this.jdbc = jdbc;
		this.name = name;
		this.onPostgres = SchemaDatabase.of(jdbc.getDataSource()) == SchemaDatabase.POSTGRESQL;
	}

	String name() {
		return name;
	}

	/** PostgreSQL, where an insert can skip a duplicate key instead of failing on it. */
	boolean onPostgres() {
		return onPostgres;
	}

	void purgeIfDue(long now) {
		long due = nextPurge.get();
		if (now >= due && nextPurge.compareAndSet(due, now + PURGE_EVERY_MILLIS)) {
			jdbc.update("DELETE FROM " + name + " WHERE expires_at < ?", now);
		}
	}

	/** A fixed-size key for a value of any length. */
	static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
