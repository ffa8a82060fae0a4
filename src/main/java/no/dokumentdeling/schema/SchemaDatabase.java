package no.dokumentdeling.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The databases dokumentdeling runs on, named once for Hibernate and once for HAPI's migrator. */
public enum SchemaDatabase {
	POSTGRESQL("jdbc:postgresql:", DriverTypeEnum.POSTGRES_9_4, HapiFhirPostgresDialect.class.getName(), "nextval('%s')"),
	H2("jdbc:h2:", DriverTypeEnum.H2_EMBEDDED, HapiFhirH2Dialect.class.getName(), "NEXT VALUE FOR %s");

	private final String urlPrefix;
	private final DriverTypeEnum migratorDriver;
	private final String hibernateDialect;
	private final String nextValue;

	SchemaDatabase(String urlPrefix, DriverTypeEnum migratorDriver, String hibernateDialect, String nextValue) {
		this.urlPrefix = urlPrefix;
		this.migratorDriver = migratorDriver;
		this.hibernateDialect = hibernateDialect;
		this.nextValue = nextValue;
	}

	/** The database behind a data source, from one connection's URL. */
	public static SchemaDatabase of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return of(connection.getMetaData().getURL());
		} catch (SQLException e) {
			throw new IllegalStateException("Cannot tell which database the data source is", e);
		}
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

	/** The SQL expression for a sequence's next value. */
	String nextValue(String sequence) {
		return nextValue.formatted(sequence);
	}
}
