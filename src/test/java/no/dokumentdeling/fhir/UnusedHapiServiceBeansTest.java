package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.bulk.export.job.BulkExportJobConfig;
import ca.uhn.fhir.jpa.config.JpaBulkExportConfig;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.config.MdmJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;

/**
 * The beans left out are still HAPI's: a HAPI upgrade that renames one would otherwise build it again, unnoticed.
 * That the server starts and serves without them is what every test class with a running server shows.
 */
class UnusedHapiServiceBeansTest {

	private static final List<Class<?>> HAPI_CONFIGURATIONS = List.of(JpaConfig.class, JpaR4Config.class,
			JpaBulkExportConfig.class, BulkExportJobConfig.class, MdmJpaConfig.class);

	@Test
	void everyNameLeftOutIsAHapiConfigurationOrOneOfItsBeanMethods() {
		Set<String> hapiNames = HAPI_CONFIGURATIONS.stream()
				.flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
				.filter(m -> m.isAnnotationPresent(Bean.class))
				.map(Method::getName)
				.collect(Collectors.toSet());
		HAPI_CONFIGURATIONS.forEach(c -> hapiNames.add(c.getName()));
		assertThat(hapiNames).containsAll(UnusedHapiServiceBeans.BEAN_NAMES);
	}

	@Test
	void removesOnlyTheNamedDefinitions() {
		DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
		registry.registerBeanDefinition("mdmLinkDao", new RootBeanDefinition(Object.class));
		registry.registerBeanDefinition("jpaStorageSettings", new RootBeanDefinition(Object.class));

		new UnusedHapiServiceBeans().postProcessBeanDefinitionRegistry(registry);

		assertThat(registry.getBeanDefinitionNames()).containsExactly("jpaStorageSettings");
	}
}
