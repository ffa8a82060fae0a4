package no.dokumentdeling.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached right now (as opposed to a fault in the request or the
 * server): no connection within the pool's timeout, a connection refused or broken, the database shutting down.
 * Such a request gets 503 with {@code Retry-After}: it did nothing, and the same request succeeds once the database is
 * back.
 */
public final class DatabaseUnavailable {

	public static final int STATUS = 503;
	public static final String RETRY_AFTER_SECONDS = "5";
	public static final String TEXT = "The database is not reachable right now, so nothing was read or stored. Try again shortly.";

	private DatabaseUnavailable() {}

	public static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof org.hibernate.exception.JDBCConnectionException
					|| cause instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isEvictedConnection(sql))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * HikariCP's answer on a connection it has already evicted as broken (the database went away mid-request), e.g. when
	 * Hibernate rolls back on it: a plain SQLException without SQLSTATE.
	 */
	private static boolean isEvictedConnection(SQLException sql) {
		return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
	}

	/** SQLSTATE class 08 (connection exception) and 57P (PostgreSQL shutting down or not yet accepting connections). */
	private static boolean isConnectionState(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}
}
