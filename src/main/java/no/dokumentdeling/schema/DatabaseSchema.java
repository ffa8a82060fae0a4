package no.dokumentdeling.schema;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole schema of one database: HAPI FHIR's tables and dokumentdeling's own, each migrated by its own tool with
 * its own history and lock.
 */
public final class DatabaseSchema {

	private static final Logger log = LoggerFactory.getLogger(DatabaseSchema.class);

	private final String jdbcUrl;
	private final SchemaDatabase database;
	private final HapiTables hapiTables;
	private final OwnTables ownTables;

	public DatabaseSchema(DataSource dataSource, String jdbcUrl) {
		this.jdbcUrl = jdbcUrl;
		this.database = SchemaDatabase.of(jdbcUrl);
		this.hapiTables = new HapiTables(dataSource, database);
		this.ownTables = new OwnTables(dataSource, database);
	}

	/** What a migration did, for the log. */
	public record Migrated(int hapiTasks, int ownMigrations, Duration took) {}

	/** Brings HAPI's tables, then ours, up to this server's version; waits while another migration holds a lock. */
	public Migrated migrate() {
		long started = System.nanoTime();
		int hapiTasks = hapiTables.migrate();
		int ownMigrations = ownTables.migrate();
		Migrated migrated = new Migrated(hapiTasks, ownMigrations, Duration.ofNanos(System.nanoTime() - started));
		log.info("Schema of {} migrated in {} ms: {} HAPI FHIR migration tasks, {} dokumentdeling migrations",
				displayUrl(), migrated.took().toMillis(), hapiTasks, ownMigrations);
		return migrated;
	}

	/** Only dokumentdeling's tables (the dev profile, where Hibernate keeps HAPI's tables up to date). */
	int migrateOwnTables() {
		return ownTables.migrate();
	}

	/** Why this database cannot serve this server yet; empty when its schema is current. */
	public List<String> behind() {
		return Stream.of(hapiTables.behind(), ownTables.behind()).flatMap(Optional::stream).toList();
	}

	SchemaDatabase database() {
		return database;
	}

	/** The URL without its parameters, which may carry credentials. */
	String displayUrl() {
		int parameters = jdbcUrl.indexOf('?');
		return parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters);
	}
}
