package no.dokumentdeling.fhir;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Leaves out the beans of HAPI's JPA configuration for capabilities this server does not offer: bulk export, MDM,
 * NPM package installation, search cache warming and terminology loading/reindexing.
 *
 * <p>{@code JpaConfig} imports them together with what the server needs, and HAPI has no switch that keeps them from
 * being built (their scheduled tasks only poll). Each bean here is used only by another bean here, by a batch job this
 * server does not configure (see {@link JpaPersistenceConfig}), by its own scheduled job, or by a provider or
 * interceptor this server never registers; the names are HAPI 8.8's {@code @Bean} method names. A name HAPI no longer
 * declares is skipped.
 */
public class UnusedHapiServiceBeans implements BeanDefinitionRegistryPostProcessor {

	/** Bulk export ($export is not served; its batch job is not configured). */
	private static final Set<String> BULK_EXPORT = Set.of(
			"ca.uhn.fhir.jpa.config.JpaBulkExportConfig", "jpaBulkExportProcessor", "bulkExportHelperService",
			"ca.uhn.fhir.jpa.bulk.export.job.BulkExportJobConfig", "mdmExpansionCacheSvc",
			"bulkDataExportJobSchedulingHelper", "bulkDataExportHistoryHelper");

	/** MDM: no MDM interceptors or providers are registered; bulk export was their other user. */
	private static final Set<String> MDM = Set.of(
			"ca.uhn.fhir.jpa.config.MdmJpaConfig", "mdmLinkExpandSvcHolder", "mdmEidMatchOnlyLinkExpandSvc",
			"mdmLinkExpandSvc", "mdmSearchExpansionSvc", "mdmLinkDao", "bulkExportMDMResourceExpander",
			"bulkExportMDMEidMatchOnlyResourceExpander", "mdmLinkImplFactory", "helperSvc");

	/**
	 * Packages, cache warming, terminology upload and reindexing: no package is installed, no search is warmed, no
	 * CodeSystem is stored; validation has its own support chain ({@code mhd.provide.FhirR4Validation}).
	 */
	private static final Set<String> OTHER = Set.of("npmInstallerSvc", "cacheWarmingSvc", "termLoaderService",
			"termReindexingSvc");

	static final Set<String> BEAN_NAMES = Stream.of(BULK_EXPORT, MDM, OTHER)
			.flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		BEAN_NAMES.stream()
				.filter(registry::containsBeanDefinition)
				.forEach(registry::removeBeanDefinition);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		// Everything happens on the registry, before any bean is created.
	}
}
