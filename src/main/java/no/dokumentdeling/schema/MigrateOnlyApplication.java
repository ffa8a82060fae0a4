package no.dokumentdeling.schema;

import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The migrate-only start ({@code --dokumentdeling.migrate-only=true}): the datasource and the migrations, no web
 * server, no HAPI; exits 0 once the schema is current. The Helm chart runs it as a Job before an install or upgrade,
 * so the replicas, which only check the schema, never race on ALTER TABLE.
 */
@SpringBootConfiguration
@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
public class MigrateOnlyApplication {

	static final String PROPERTY = "dokumentdeling.migrate-only";

	/** Asked of the command line, system properties and environment ({@code DOKUMENTDELING_MIGRATE_ONLY}). */
	public static boolean requested(String[] args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return Binder.get(environment).bind(PROPERTY, Boolean.class).orElse(false);
	}

	/** @return the process exit code */
	public static int run(String[] args) {
		return SpringApplication.exit(new SpringApplicationBuilder(MigrateOnlyApplication.class)
				.web(WebApplicationType.NONE)
				.run(args));
	}

	@Bean
	ApplicationRunner migrateSchema(DataSource dataSource, DataSourceProperties dataSourceProperties) {
		return arguments -> new DatabaseSchema(dataSource, dataSourceProperties.determineUrl()).migrate();
	}
}
