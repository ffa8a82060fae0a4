package no.dokumentdeling.fhir;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Start-up work that replicas sharing one database must do one at a time (writing the same SearchParameters under the
 * same ids: done at once, the loser's insert fails and that replica does not start). On PostgreSQL a session-level
 * advisory lock, held on a connection of its own while the work runs; H2 is embedded in one process, where a lock of
 * this JVM is enough.
 */
@Component
public class ReplicaStartLock {

	/** An arbitrary, fixed key: the same on every replica. */
	private static final long KEY = 0x646f6b756d656e74L;

	private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

	private final DataSource dataSource;

	public ReplicaStartLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	public void runAlone(Runnable work) {
		IN_THIS_JVM.lock();
		try (Connection connection = dataSource.getConnection()) {
			boolean postgres = "PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName());
			if (!postgres) {
				work.run();
				return;
			}
			execute(connection, "SELECT pg_advisory_lock(?)");
			try {
				work.run();
			} finally {
				execute(connection, "SELECT pg_advisory_unlock(?)");
			}
		} catch (SQLException e) {
			throw new DataAccessResourceFailureException("Cannot take the start-up lock", e);
		} finally {
			IN_THIS_JVM.unlock();
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(true);
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, KEY);
			statement.execute();
		} finally {
			connection.setAutoCommit(autoCommit);
		}
	}
}
