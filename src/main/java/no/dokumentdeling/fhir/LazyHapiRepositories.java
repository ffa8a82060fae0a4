package no.dokumentdeling.fhir;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.util.ClassUtils;

/**
 * HAPI's Spring Data repositories are built when first called, not at start: Spring Data's lazy bootstrap mode, for
 * the repositories HAPI's {@code JpaConfig} declares with {@code @EnableJpaRepositories} in its default (eager) mode.
 *
 * <p>Building a repository parses and checks every {@code @Query} of it (Spring Data's HQL parser, then Hibernate's):
 * a quarter of the start's main-thread CPU for HAPI's 56 repositories, most of them for MDM, bulk, terminology and
 * batch tables this server never touches (docs/bench.md, "Start and size"). As in Spring Data's own lazy mode, each
 * repository's bean definition is made lazy and every injection point of a repository interface gets a proxy that
 * resolves the repository on its first call; a query that HAPI calls is still checked, on that call.
 */
final class LazyHapiRepositories implements BeanFactoryPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(LazyHapiRepositories.class);

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (!(beanFactory instanceof DefaultListableBeanFactory factory)
				|| factory.getAutowireCandidateResolver().getClass() != ContextAnnotationAutowireCandidateResolver.class) {
			// Another resolver would lose what it adds if replaced: repositories stay as HAPI declares them.
			log.warn("HAPI's repositories are built at start: the bean factory's candidate resolver is not Spring's own");
			return;
		}
		Set<String> repositoryInterfaces = new HashSet<>();
		for (String name : factory.getBeanDefinitionNames()) {
			BeanDefinition definition = factory.getBeanDefinition(name);
			String repositoryInterface = repositoryInterface(definition, factory.getBeanClassLoader());
			if (repositoryInterface != null) {
				definition.setLazyInit(true);
				// A factory bean built only to learn its type would otherwise build its repository right away.
				definition.getPropertyValues().add("lazyInit", true);
				repositoryInterfaces.add(repositoryInterface);
			}
		}
		factory.setAutowireCandidateResolver(new LazyRepositoryInjection(Set.copyOf(repositoryInterfaces)));
		log.debug("{} repositories built on their first call: {}", repositoryInterfaces.size(), repositoryInterfaces);
	}

	/**
	 * The repository interface a Spring Data factory bean's definition builds (HAPI's is Envers'
	 * {@code EnversRevisionRepositoryFactoryBean}), or null for any other bean.
	 */
	private static String repositoryInterface(BeanDefinition definition, ClassLoader classLoader) {
		String beanClass = definition.getBeanClassName();
		// By name first, so no other bean's class is loaded here.
		if (beanClass == null || !beanClass.endsWith("RepositoryFactoryBean") || !ClassUtils.isPresent(beanClass, classLoader)
				|| !RepositoryFactoryBeanSupport.class.isAssignableFrom(ClassUtils.resolveClassName(beanClass, classLoader))) {
			return null;
		}
		// Spring Data passes the repository interface as the factory bean's only constructor argument.
		Object argument = definition.getConstructorArgumentValues().getIndexedArgumentValues().values().stream()
				.findFirst().map(holder -> holder.getValue()).orElse(null);
		return argument instanceof Class<?> type ? type.getName() : argument instanceof String type ? type : null;
	}

	/** Spring's resolver, with a lazy proxy for every injection point of one of the repository interfaces. */
	private static final class LazyRepositoryInjection extends ContextAnnotationAutowireCandidateResolver {

		private final Set<String> repositoryInterfaces;

		LazyRepositoryInjection(Set<String> repositoryInterfaces) {
			this.repositoryInterfaces = repositoryInterfaces;
		}

		@Override
		protected boolean isLazy(DependencyDescriptor descriptor) {
			return repositoryInterfaces.contains(descriptor.getDependencyType().getName()) || super.isLazy(descriptor);
		}
	}
}
