package no.dokumentdeling.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import no.dokumentdeling.testsupport.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The migrations on real databases, without a server: their locks, and what a database that is behind lacks. */
class DatabaseSchemaTest {

	@Test
	void twoMigrationsStartedAtOnceOnAnEmptyDatabaseApplyEachMigrationOnce() throws SQLException {
		TestDatabase database = TestDatabase.emptyPostgres();
		try (BasicDataSource pool = database.pool()) {
			CompletableFuture<DatabaseSchema.Migrated> first = CompletableFuture.supplyAsync(() -> new DatabaseSchema(pool, database.jdbcUrl()).migrate());
			CompletableFuture<DatabaseSchema.Migrated> second = CompletableFuture.supplyAsync(() -> new DatabaseSchema(pool, database.jdbcUrl()).migrate());

			// The one that waited for the other's lock found nothing left to do.
			assertThat(Math.min(first.join().hapiTasks(), second.join().hapiTasks())).isZero();
			assertThat(Math.max(first.join().hapiTasks(), second.join().hapiTasks())).isPositive();
			assertThat(List.of(first.join().ownMigrations(), second.join().ownMigrations())).containsExactlyInAnyOrder(0, 7);
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			assertThat(jdbc.queryForList("SELECT \"version\" FROM \"" + HapiTables.HISTORY_TABLE + "\""
					+ " WHERE \"version\" IS NOT NULL GROUP BY \"version\" HAVING COUNT(*) > 1", String.class)).isEmpty();
			assertThat(jdbc.queryForList("SELECT version FROM " + OwnTables.HISTORY_TABLE + " WHERE success ORDER BY installed_rank", String.class))
					.containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM HFJ_RESOURCE_TYPE", Integer.class)).isGreaterThan(100);
			assertThat(new DatabaseSchema(pool, database.jdbcUrl()).behind()).isEmpty();
		}
	}

	@Test
	void aDatabaseBehindNamesTheVersionItIsAtAndTheMigrationsItLacks() throws SQLException {
		TestDatabase database = TestDatabase.postgres();
		try (BasicDataSource pool = database.pool()) {
			JdbcTemplate jdbc = new JdbcTemplate(pool);
			// As if the database had last been migrated by a server built on HAPI FHIR 8.6, before our V1.
			jdbc.update("DELETE FROM \"" + HapiTables.HISTORY_TABLE + "\" WHERE \"version\" LIKE '8.8.0.%'");
			jdbc.update("DELETE FROM " + OwnTables.HISTORY_TABLE + " WHERE version = '1'");
			jdbc.update("DELETE FROM " + OwnTables.HISTORY_TABLE + " WHERE version = '2'");

			List<String> behind = new DatabaseSchema(pool, database.jdbcUrl()).behind();

			assertThat(behind).hasSize(2);
			assertThat(behind.get(0)).matches("HAPI FHIR's tables are at 8\\.6\\.\\S+, this server needs 8\\.8\\.0\\.\\S+ \\(\\d+ migration tasks not applied\\)");
			assertThat(behind.get(1)).isEqualTo("dokumentdeling's own tables lack V1 dpop proofs and search owners, V2 HAPI resource types");
		}
	}

	@Test
	void aSkippedMigrationCountsAsMissing() throws SQLException {
		TestDatabase database = TestDatabase.h2();
		try (BasicDataSource pool = database.pool()) {
			new JdbcTemplate(pool).update("DELETE FROM \"" + OwnTables.HISTORY_TABLE + "\" WHERE \"version\" = '1'");

			assertThat(new DatabaseSchema(pool, database.jdbcUrl()).behind())
					.containsExactly("dokumentdeling's own tables lack V1 dpop proofs and search owners");
		}
	}

	@Test
	void updateModeIsOnlyForTheEmbeddedH2() throws SQLException {
		TestDatabase database = TestDatabase.emptyPostgres();
		try (BasicDataSource pool = database.pool()) {
			assertThatThrownBy(() -> CheckedSchema.check(new DatabaseSchema(pool, database.jdbcUrl()), SchemaProperties.Mode.UPDATE))
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("dokumentdeling.schema.mode=update is only for the embedded H2 of the dev profile");
		}
	}

	@Test
	void updateModeOnH2MigratesOurTablesAndLeavesHapiTablesToHibernate() throws SQLException {
		TestDatabase database = TestDatabase.emptyH2();
		try (BasicDataSource pool = database.pool()) {
			CheckedSchema schema = CheckedSchema.check(new DatabaseSchema(pool, database.jdbcUrl()), SchemaProperties.Mode.UPDATE);

			assertThat(schema.hibernateDdlAuto()).isEqualTo("update");
			assertThat(HistoryTables.exists(pool, "dd_search_owner")).isTrue();
			assertThat(HistoryTables.exists(pool, HapiTables.HISTORY_TABLE)).isFalse();
		}
	}

	@Test
	void aCurrentSchemaIsValidatedByHibernateToo() throws SQLException {
		TestDatabase database = TestDatabase.h2();
		try (BasicDataSource pool = database.pool()) {
			assertThat(CheckedSchema.check(new DatabaseSchema(pool, database.jdbcUrl()), SchemaProperties.Mode.VALIDATE)
					.hibernateDdlAuto()).isEqualTo("validate");
		}
	}
}
