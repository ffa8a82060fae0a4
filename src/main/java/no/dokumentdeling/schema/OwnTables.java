package no.dokumentdeling.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import no.dokumentdeling.access.SperretPatientsFromHapiTables;
import no.dokumentdeling.audit.AuditEventsFromHapiTables;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * dokumentdeling's own tables (DPoP proofs seen, search page owners, the audit trail, the Consent generation, the
 * patients with sperret documents), migrated by Flyway from
 * {@code db/dokumentdeling/V*__*.sql} and the Java migrations named here, with their own history table, after HAPI's.
 * Flyway locks that table while it migrates.
 */
final class OwnTables {

	static final String HISTORY_TABLE = "dd_schema_history";

	private final DataSource dataSource;
	private final Flyway flyway;

	OwnTables(DataSource dataSource, SchemaDatabase database) {
		this.dataSource = dataSource;
		this.flyway = Flyway.configure()
				.dataSource(dataSource)
				.locations("classpath:db/dokumentdeling")
				.javaMigrations(new HapiResourceTypesMigration(database), new AuditEventsFromHapiTables(),
						new SperretPatientsFromHapiTables())
				.table(HISTORY_TABLE)
				// HAPI's tables share the schema, so it is never empty for Flyway; version 0 lets V1 run, which also
				// adopts the tables a 0.1 server made for itself.
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load();
	}

	/** @return how many migrations ran */
	int migrate() {
		return flyway.migrate().migrationsExecuted;
	}

	Optional<String> behind() {
		if (!HistoryTables.exists(dataSource, HISTORY_TABLE)) {
			return Optional.of("dokumentdeling's own tables were never migrated (no " + HISTORY_TABLE + " table)");
		}
		// Pending, or skipped because a later one was applied, or failed: not what this server was built on.
		List<MigrationInfo> missing = Arrays.stream(flyway.info().all())
				.filter(m -> m.getState().isFailed() || (m.getState().isResolved() && !m.getState().isApplied()))
				.toList();
		if (missing.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("dokumentdeling's own tables lack " + missing.stream()
				.map(m -> "V" + m.getVersion() + " " + m.getDescription()).collect(Collectors.joining(", ")));
	}
}
