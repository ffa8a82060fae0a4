package no.dokumentdeling.schema;

import ca.uhn.fhir.jpa.migrate.HapiMigrationStorageSvc;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.MigrationTaskList;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.dao.HapiMigrationDao;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;

/**
 * HAPI FHIR's own tables, migrated by HAPI's migrator with HAPI's task list (what HAPI's CLI {@code migrate-database}
 * runs), recorded in HAPI's history table. On an empty database the first task creates the current schema in one go;
 * on an older one every task since its version runs. The migrator takes its lock in that table, so two migrations
 * never run at once.
 */
final class HapiTables {

	static final String HISTORY_TABLE = SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME;

	private final DataSource dataSource;
	private final SchemaDatabase database;

	HapiTables(DataSource dataSource, SchemaDatabase database) {
		this.dataSource = dataSource;
		this.database = database;
	}

	/** @return how many tasks ran */
	int migrate() {
		HapiMigrator migrator = new HapiMigrator(HISTORY_TABLE, dataSource, database.migratorDriver());
		migrator.addTasks(tasks());
		createHistoryTable(migrator);
		MigrationResult result = migrator.migrate();
		return result.succeededTasks.size();
	}

	/**
	 * The history table holds the migrator's lock, so it cannot be made under that lock: two migrations starting on
	 * an empty database race to create it, and the loser finds it made.
	 */
	private void createHistoryTable(HapiMigrator migrator) {
		try {
			migrator.createMigrationTableIfRequired();
		} catch (DataAccessException e) {
			if (!HistoryTables.exists(dataSource, HISTORY_TABLE)) {
				throw e;
			}
		}
	}

	/** What this server needs that the database lacks, if anything. */
	Optional<String> behind() {
		if (!HistoryTables.exists(dataSource, HISTORY_TABLE)) {
			return Optional.of("HAPI FHIR's tables were never migrated (no " + HISTORY_TABLE + " table)");
		}
		HapiMigrationStorageSvc history = new HapiMigrationStorageSvc(
				new HapiMigrationDao(dataSource, database.migratorDriver(), HISTORY_TABLE));
		MigrationTaskList all = tasks();
		MigrationTaskList missing = history.diff(all).getUnskippableTasks();
		if (missing.size() == 0) {
			return Optional.empty();
		}
		return Optional.of("HAPI FHIR's tables are at " + history.getLatestAppliedVersion() + ", this server needs "
				+ all.getLastVersion() + " (" + missing.size() + " migration tasks not applied)");
	}

	private static MigrationTaskList tasks() {
		return new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values());
	}
}
