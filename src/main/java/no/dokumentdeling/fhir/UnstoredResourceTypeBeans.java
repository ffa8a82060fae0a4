package no.dokumentdeling.fhir;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ResourceType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Leaves out HAPI's DAO and resource-provider beans ({@code my<Type>DaoR4}, {@code my<Type>RpR4}) for the resource
 * types the server does not store.
 *
 * <p>HAPI's generated R4 configuration declares both beans for all 146 resource types and Spring builds every one at
 * startup, although {@link ServedResourceTypes#STORED} keeps the DAO registry to nine of them: building the rest was
 * about a quarter of the start. HAPI's own lists of DAOs and providers ask the DAO registry which types are supported
 * before they touch a bean, so they never reach the ones left out.
 */
public class UnstoredResourceTypeBeans implements BeanDefinitionRegistryPostProcessor {

	private static final Pattern PER_TYPE_BEAN = Pattern.compile("my([A-Z][A-Za-z]+)(Dao|Rp)R4");

	/** DAOs HAPI's terminology and subscription services look up by bean name at startup, though nothing stores them. */
	private static final Set<String> DAOS_HAPI_NAMES = Set.of("CodeSystem", "ValueSet", "ConceptMap", "Subscription");

	/** The R4 resource types by name; HAPI names other beans the same way ({@code mySystemDaoR4}). */
	private static final Set<String> R4_RESOURCE_TYPES =
			Arrays.stream(ResourceType.values()).map(ResourceType::name).collect(Collectors.toUnmodifiableSet());

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		Arrays.stream(registry.getBeanDefinitionNames())
				.filter(UnstoredResourceTypeBeans::isForAnUnstoredType)
				.forEach(registry::removeBeanDefinition);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		// Everything happens on the registry, before any bean is created.
	}

	static boolean isForAnUnstoredType(String beanName) {
		Matcher perType = PER_TYPE_BEAN.matcher(beanName);
		if (!perType.matches() || !R4_RESOURCE_TYPES.contains(perType.group(1))) {
			return false;
		}
		String type = perType.group(1);
		boolean dao = perType.group(2).equals("Dao");
		return !ServedResourceTypes.STORED.contains(type) && !(dao && DAOS_HAPI_NAMES.contains(type));
	}
}
