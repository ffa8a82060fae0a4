package no.dokumentdeling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketMessagingAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import no.dokumentdeling.schema.MigrateOnlyApplication;

/**
 * dokumentdeling: an IHE MHD Document Recipient and Document Responder for Norwegian clinical documents.
 *
 * <p>HAPI FHIR JPA builds its own entity manager (see {@code fhir.JpaPersistenceConfig}), so Spring Boot's JPA
 * auto-configuration stays out of the way. With {@code --dokumentdeling.migrate-only=true} only the schema migrations
 * run (see {@link MigrateOnlyApplication}).
 */
@SpringBootApplication(exclude = {
	HibernateJpaAutoConfiguration.class,
	JpaRepositoriesAutoConfiguration.class,
	// Flyway migrates our tables in the migrate-only start, never at a server's start; no Elasticsearch.
	FlywayAutoConfiguration.class,
	ElasticsearchClientAutoConfiguration.class,
	ElasticsearchRestClientAutoConfiguration.class,
	// On the classpath through HAPI, used by nothing here: HAPI runs its own Quartz schedulers and its own Thymeleaf
	// engine for narratives; no web page is templated, no WebSocket served.
	QuartzAutoConfiguration.class,
	ThymeleafAutoConfiguration.class,
	WebSocketServletAutoConfiguration.class,
	WebSocketMessagingAutoConfiguration.class
})
@ConfigurationPropertiesScan
public class DokumentdelingApplication {

	public static void main(String[] args) {
		if (MigrateOnlyApplication.requested(args)) {
			System.exit(MigrateOnlyApplication.run(args));
		}
		SpringApplication.run(DokumentdelingApplication.class, args);
	}
}
