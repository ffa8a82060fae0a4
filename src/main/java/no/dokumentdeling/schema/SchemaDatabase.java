package no.dokumentdeling.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;

/** The databases dokumentdeling runs on, named once for Hibernate and once for HAPI's migrator. */
public enum SchemaDatabase {
	POSTGRESQL("jdbc:postgresql:", DriverTypeEnum.POSTGRES_9_4, HapiFhirPostgresDialect.class.getName()),
	H2("jdbc:h2:", DriverTypeEnum.H2_EMBEDDED, HapiFhirH2Dialect.class.getName());

	private final String urlPrefix;
	private final DriverTypeEnum migratorDriver;
	private final String hibernateDialect;

	SchemaDatabase(String urlPrefix, DriverTypeEnum migratorDriver, String hibernateDialect) {
		this.urlPrefix = urlPrefix;
		this.migratorDriver = migratorDriver;
		this.hibernateDialect = hibernateDialect;
	}

	public static SchemaDatabase of(String jdbcUrl) {
		for (SchemaDatabase database : values()) {
			if (jdbcUrl != null && jdbcUrl.startsWith(database.urlPrefix)) {
				return database;
			}
		}
		throw new IllegalStateException(
				"Unsupported database URL " + jdbcUrl + ": dokumentdeling runs on PostgreSQL or H2");
	}

	DriverTypeEnum migratorDriver() {
		return migratorDriver;
	}

	public String hibernateDialect() {
		return hibernateDialect;
	}
}
