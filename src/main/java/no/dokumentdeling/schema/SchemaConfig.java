package no.dokumentdeling.schema;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SchemaConfig {

	@Bean
	CheckedSchema checkedSchema(DataSource dataSource, DataSourceProperties dataSourceProperties, SchemaProperties properties) {
		return CheckedSchema.check(new DatabaseSchema(dataSource, dataSourceProperties.determineUrl()), properties.mode());
	}
}
