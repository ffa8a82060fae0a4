package plainhapi;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The benchmark's baseline: a plain HAPI FHIR JPA server of the same HAPI version and jars as dokumentdeling, at
 * {@code /fhir}, with HAPI's default storage settings and nothing of ours (no security, no MHD rules, no policy, no
 * audit). It serves the four resource types the benchmark uses and transactions, the way a HAPI JPA starter
 * configured for them would. A package outside {@code no.dokumentdeling}, both ways: it scans none of our components,
 * and the test servers of dokumentdeling (which scan {@code no.dokumentdeling} on the test classpath) do not pick up
 * this configuration.
 */
@SpringBootApplication(exclude = {
	HibernateJpaAutoConfiguration.class,
	JpaRepositoriesAutoConfiguration.class,
	FlywayAutoConfiguration.class,
	ElasticsearchClientAutoConfiguration.class,
	ElasticsearchRestClientAutoConfiguration.class
})
@EnableTransactionManagement
@Import({JpaR4Config.class, HapiJpaConfig.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class,
		Batch2JobsConfig.class, SubscriptionChannelConfig.class})
public class PlainHapiServer {

	private static final Set<String> SERVED = Set.of("Patient", "DocumentReference", "List", "Binary");

	public static void main(String[] args) {
		SpringApplication.run(PlainHapiServer.class, args);
	}

	@Bean
	public JpaStorageSettings jpaStorageSettings() {
		return new JpaStorageSettings();
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource,
			DataSourceProperties dataSourceProperties, ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext, JpaStorageSettings storageSettings) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		String url = dataSourceProperties.determineUrl();
		factory.setJpaPropertyMap(Map.of(
				"hibernate.dialect", url.startsWith("jdbc:postgresql:") ? HapiFhirPostgresDialect.class.getName()
						: HapiFhirH2Dialect.class.getName(),
				"hibernate.hbm2ddl.auto", "update",
				"hibernate.search.enabled", "false",
				"hibernate.jdbc.batch_size", "20",
				"hibernate.cache.use_query_cache", "false",
				"hibernate.cache.use_second_level_cache", "false"));
		return factory;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhirContext,
			ResourceProviderFactory resourceProviders, JpaSystemProvider<?, ?> systemProvider,
			DatabaseBackedPagingProvider pagingProvider) {
		RestfulServer server = new RestfulServer(fhirContext);
		server.registerProviders(resourceProviders.createProviders().stream()
				.filter(p -> p instanceof IResourceProvider rp && SERVED.contains(fhirContext.getResourceType(rp.getResourceType())))
				.toList());
		server.registerProvider(systemProvider);
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
