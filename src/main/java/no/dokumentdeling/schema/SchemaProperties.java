package no.dokumentdeling.schema;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the server treats the database schema at startup.
 *
 * @param mode {@code validate} (default): the server only checks that the schema is current and refuses to start on
 *     one that is behind; migrations run in a migrate-only start ({@code --dokumentdeling.migrate-only=true}).
 *     {@code update}: the dev profile's embedded H2 only: Hibernate adds what HAPI's tables lack, our own tables are
 *     migrated at startup.
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.schema")
public record SchemaProperties(@NotNull Mode mode) {

	public enum Mode {
		VALIDATE,
		UPDATE
	}

	public SchemaProperties {
		if (mode == null) mode = Mode.VALIDATE;
	}
}
