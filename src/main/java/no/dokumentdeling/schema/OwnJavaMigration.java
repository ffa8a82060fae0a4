package no.dokumentdeling.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A migration of our own tables written in Java (what SQL alone cannot do), run by Flyway in its place among the
 * {@code V*__*.sql} ones and inside its transaction. No checksum: its code is its definition.
 */
public abstract class OwnJavaMigration implements JavaMigration {

	private final MigrationVersion version;
	private final String description;

	protected OwnJavaMigration(String version, String description) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
	}

	@Override
	public MigrationVersion getVersion() {
		return version;
	}

	@Override
	public String getDescription() {
		return description;
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}
}
