package no.dokumentdeling.schema;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused for the schema ends with what is missing and the command that fixes it, not a stack trace. */
public final class SchemaBehindFailureAnalyzer extends AbstractFailureAnalyzer<SchemaBehindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SchemaBehindException cause) {
		return new FailureAnalysis(
				"The database schema at " + cause.jdbcUrl() + " is behind this server:\n  - "
						+ String.join("\n  - ", cause.reasons()),
				"Run the migrations first, with the same datasource settings: " + SchemaBehindException.MIGRATE_COMMAND
						+ " (or DOKUMENTDELING_MIGRATE_ONLY=true; the Helm chart's migration Job runs it on install and "
						+ "upgrade). Replicas never migrate: they only check.",
				cause);
	}
}
