package no.dokumentdeling.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.batch2.jobs.config.BatchCommonCtx;
import ca.uhn.fhir.batch2.jobs.reindex.ReindexAppCtx;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import no.dokumentdeling.schema.CheckedSchema;
import no.dokumentdeling.schema.SchemaDatabase;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * HAPI FHIR JPA on the configured datasource: H2 by default, PostgreSQL when {@code spring.datasource.url} says so.
 *
 * <p>Of HAPI's batch jobs only reindexing ({@link ReindexAppCtx}) is configured: {@link SearchParameterInstaller}
 * starts it. HAPI's {@code Batch2JobsConfig} would add bulk import and export, delete-expunge and the terminology
 * jobs, which this server never runs. {@link SubscriptionChannelConfig} stays: batch2 sends its work notifications
 * through its channel factory.
 */
@Configuration
@EnableTransactionManagement
@Import({JpaR4Config.class, HapiJpaConfig.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class,
		BatchCommonCtx.class, ReindexAppCtx.class, SubscriptionChannelConfig.class})
public class JpaPersistenceConfig {

	/** Static: a registry post-processor runs before this configuration's own beans exist. */
	@Bean
	public static UnstoredResourceTypeBeans unstoredResourceTypeBeans() {
		return new UnstoredResourceTypeBeans();
	}

	@Bean
	public static UnusedHapiServiceBeans unusedHapiServiceBeans() {
		return new UnusedHapiServiceBeans();
	}

	@Bean
	static LazyHapiRepositories lazyHapiRepositories() {
		return new LazyHapiRepositories();
	}

	@Bean
	public JpaStorageSettings jpaStorageSettings(FhirServerProperties fhir) {
		JpaStorageSettings settings = new JpaStorageSettings();
		// Documents reference patients that must exist; placeholders would let a typo create a patient.
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAllowExternalReferences(false);
		settings.setAllowContainsSearches(false);
		settings.setAllowMultipleDelete(false);
		// Deleting is how a citizen withdraws a Consent; DeletionPolicyInterceptor refuses it for everything else. The
		// deleted Consent keeps its history (expunge stays off), so what the patient decided when is not lost.
		settings.setDeleteEnabled(true);
		settings.setExpungeEnabled(false);
		settings.setDeleteExpungeEnabled(false);
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		settings.setReuseCachedSearchResultsForMillis(
				fhir.reuseSearchResultsMillis() == 0 ? null : fhir.reuseSearchResultsMillis());
		settings.setFetchSizeDefaultMaximum(fhir.maxPageSize());
		// SearchParameterInstaller starts one reindex job for all the SearchParameters it changed; HAPI's
		// would start one per SearchParameter, reindexing every DocumentReference once for each new age window.
		settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
		settings.setUniqueIndexesEnabled(true);
		settings.setUniqueIndexesCheckedBeforeSave(true);
		settings.setIndexOnContainedResources(true);
		// Nothing reads HFJ_SPIDX_IDENTITY; filling it is a background insert per search parameter of every resource
		// type at each start.
		settings.setWriteToSearchParamIdentityTable(false);
		// No bulk import or export, no stored ValueSets to expand: their scheduled tasks would only poll.
		settings.setEnableTaskBulkImportJobExecution(false);
		settings.setEnableTaskBulkExportJobExecution(false);
		settings.setEnableTaskPreExpandValueSets(false);
		return settings;
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			DataSource dataSource,
			DataSourceProperties dataSourceProperties,
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			CheckedSchema schema) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setDataSource(dataSource);
		factory.setJpaPropertyMap(hibernateProperties(dataSourceProperties.determineUrl(), schema.hibernateDdlAuto()));
		return factory;
	}

	@Bean
	@Primary
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}

	/** @param ddlAuto Hibernate's schema action; the schema itself is the migrations' (see {@link CheckedSchema}) */
	static Map<String, Object> hibernateProperties(String jdbcUrl, String ddlAuto) {
		Map<String, Object> props = new HashMap<>();
		props.put("hibernate.dialect", SchemaDatabase.of(jdbcUrl).hibernateDialect());
		props.put("hibernate.hbm2ddl.auto", ddlAuto);
		props.put("hibernate.search.enabled", "false");
		props.put("hibernate.format_sql", "false");
		props.put("hibernate.show_sql", "false");
		props.put("hibernate.jdbc.batch_size", "20");
		props.put("hibernate.cache.use_query_cache", "false");
		props.put("hibernate.cache.use_second_level_cache", "false");
		props.put("hibernate.cache.use_structured_entries", "false");
		props.put("hibernate.cache.use_minimal_puts", "false");
		return props;
	}
}
