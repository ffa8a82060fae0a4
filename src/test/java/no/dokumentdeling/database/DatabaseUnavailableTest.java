package no.dokumentdeling.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;

/** Rule "an outage is a 503": which failures count as the database being unreachable. */
class DatabaseUnavailableTest {

	@Test
	void ruleOutage_aConnectionHikariHasEvictedIsAnOutage() throws SQLException {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:h2:mem:evicted");
		try (HikariDataSource pool = new HikariDataSource(config)) {
			Connection connection = pool.getConnection();
			connection.close();
			// What Hibernate meets when it rolls back on a connection the pool dropped while the database was away.
			Throwable rollback = new TransactionException("Unable to rollback against JDBC Connection",
					(SQLException) catchThrowable(connection::rollback));

			assertThat(DatabaseUnavailable.causedBy(rollback)).isTrue();
		}
	}

	@Test
	void ruleOutage_anOrdinarySqlErrorIsNot() {
		assertThat(DatabaseUnavailable.causedBy(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new SQLException("Connection is closed", "42000"))).isFalse();
	}
}
