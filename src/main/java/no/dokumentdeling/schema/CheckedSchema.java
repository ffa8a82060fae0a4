package no.dokumentdeling.schema;

import java.util.List;

/**
 * The schema as the server found it at startup, before anything else touches the database: current (checked), or
 * on the dev profile's H2 left to Hibernate's {@code update}. The entity manager is built only after this.
 */
public final class CheckedSchema {

	private final SchemaProperties.Mode mode;

	private CheckedSchema(SchemaProperties.Mode mode) {
		this.mode = mode;
	}

	/** @throws SchemaBehindException when the database lacks migrations this server needs */
	static CheckedSchema check(DatabaseSchema schema, SchemaProperties.Mode mode) {
		if (mode == SchemaProperties.Mode.UPDATE) {
			if (schema.database() != SchemaDatabase.H2) {
				throw new IllegalStateException("dokumentdeling.schema.mode=update is only for the embedded H2 of the "
						+ "dev profile; on " + schema.database() + " run the migrations (--dokumentdeling.migrate-only=true)");
			}
			schema.migrateOwnTables();
			return new CheckedSchema(mode);
		}
		List<String> behind = schema.behind();
		if (!behind.isEmpty()) {
			throw new SchemaBehindException(schema.displayUrl(), behind);
		}
		return new CheckedSchema(mode);
	}

	/** Hibernate's {@code hbm2ddl.auto}: never a schema change outside the dev profile. */
	public String hibernateDdlAuto() {
		return mode == SchemaProperties.Mode.UPDATE ? "update" : "validate";
	}
}
