package no.dokumentdeling.schema;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/**
 * The schema's life cycle as an operator sees it: an empty database is migrated by a migrate-only start (its own
 * process, exit code 0, no web server), after which the replicas start on it at once and only check it; a server
 * started on a database that was never migrated refuses to start, says why and how to fix it, and writes nothing.
 */
abstract class SchemaMigrationContract {

	/** An empty database that a child process and this JVM can open one after the other. */
	abstract TestDatabase emptyDatabase();

	/** How many servers share one database on this kind of database. */
	abstract int replicas();

	@Test
	void migrateOnlyStartMigratesAnEmptyDatabaseAndExitsThenReplicasStartOnItAtOnce() throws Exception {
		TestDatabase database = emptyDatabase();

		ServerProcess.Exit migration = ServerProcess.run(database, Map.of("dokumentdeling.migrate-only", "true"), ServerProcess.PATIENCE);

		assertThat(migration.code()).as(migration.log()).isZero();
		assertThat(migration.log()).contains("migrated in").doesNotContain("Tomcat started");
		assertThat(behind(database)).isEmpty();
		assertThat(tables(database)).contains("hfj_resource", "dd_dpop_jti", "dd_search_owner", "dd_audit_event", "dd_audit_search_key");

		// Replicas are processes of their own, as in production, started at the same moment.
		List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
		for (int i = 0; i < replicas(); i++) {
			starting.add(CompletableFuture.supplyAsync(() -> {
				try {
					return ServerProcess.start(database, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), Map.of(), ServerProcess.PATIENCE);
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(e);
				}
			}));
		}
		List<ServerProcess> servers = new ArrayList<>();
		try {
			for (CompletableFuture<ServerProcess> replica : starting) {
				servers.add(replica.get());
			}
			for (ServerProcess server : servers) {
				given().get(server.baseUrl().replaceFirst("/fhir$", "/actuator/health/readiness"))
						.then().statusCode(200).body("status", equalTo("UP"));
				given().get(server.baseUrl() + "/metadata").then().statusCode(200);
			}
		} finally {
			for (ServerProcess server : servers) {
				server.close();
			}
		}
	}

	@Test
	void serverOnAnUnmigratedDatabaseRefusesToStartNamingTheMigrateOnlyCommand() throws Exception {
		TestDatabase database = emptyDatabase();

		ServerProcess.Exit refused = ServerProcess.run(database, Map.of(), ServerProcess.PATIENCE);

		assertThat(refused.code()).as(refused.log()).isNotZero();
		assertThat(refused.log())
				.contains("The database schema at " + database.jdbcUrl().replaceFirst("\\?.*", "") + " is behind this server")
				.contains("HAPI FHIR's tables were never migrated")
				.contains("dokumentdeling's own tables were never migrated")
				.contains("java -jar dokumentdeling.jar --dokumentdeling.migrate-only=true")
				.doesNotContain("Tomcat started");
		// Only a migration changes the schema: the refused server created nothing.
		assertThat(tables(database)).isEmpty();
	}

	private static List<String> behind(TestDatabase database) throws SQLException {
		try (BasicDataSource pool = database.pool()) {
			return new DatabaseSchema(pool, database.jdbcUrl()).behind();
		}
	}

	/** The tables of the database's default schema, in lower case. */
	private static List<String> tables(TestDatabase database) throws SQLException {
		List<String> names = new ArrayList<>();
		try (BasicDataSource pool = database.pool(); Connection connection = pool.getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
			while (tables.next()) {
				names.add(tables.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
			}
		}
		return names;
	}
}
