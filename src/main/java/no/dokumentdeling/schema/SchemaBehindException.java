package no.dokumentdeling.schema;

import java.util.List;

/** The database lacks migrations this server needs: it is not started on it. */
public final class SchemaBehindException extends RuntimeException {

	static final String MIGRATE_COMMAND = "java -jar dokumentdeling.jar --dokumentdeling.migrate-only=true";

	private final String jdbcUrl;
	private final List<String> reasons;

	SchemaBehindException(String jdbcUrl, List<String> reasons) {
		super("The database schema at " + jdbcUrl + " is behind this server: " + String.join("; ", reasons)
				+ ". Run the migrations first: " + MIGRATE_COMMAND + " with the same datasource settings.");
		this.jdbcUrl = jdbcUrl;
		this.reasons = List.copyOf(reasons);
	}

	String jdbcUrl() {
		return jdbcUrl;
	}

	List<String> reasons() {
		return reasons;
	}
}
