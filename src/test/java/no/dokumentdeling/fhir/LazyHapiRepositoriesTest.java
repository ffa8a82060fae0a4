package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.dao.data.IMdmLinkJpaRepository;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.envers.repository.support.EnversRevisionRepositoryFactoryBean;

/**
 * A repository declared as HAPI declares its own (Envers' factory bean, eager mode) is not built at start: its
 * definition is lazy and the bean that needs it gets a proxy. That HAPI's server serves through such proxies is what
 * every test class with a running server shows.
 */
class LazyHapiRepositoriesTest {

	static class NeedsARepository {
		@Autowired
		IMdmLinkJpaRepository repository;
	}

	@Test
	void aRepositoryIsInjectedAsAProxyAndNotBuiltAtStart() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
			RootBeanDefinition repository = new RootBeanDefinition(EnversRevisionRepositoryFactoryBean.class);
			repository.getConstructorArgumentValues().addIndexedArgumentValue(0, IMdmLinkJpaRepository.class.getName());
			context.registerBeanDefinition("mdmLinkJpaRepository", repository);
			context.registerBeanDefinition("needsARepository", new RootBeanDefinition(NeedsARepository.class));
			context.registerBeanDefinition("lazyHapiRepositories", new RootBeanDefinition(LazyHapiRepositories.class));

			context.refresh();

			DefaultListableBeanFactory factory = context.getDefaultListableBeanFactory();
			assertThat(factory.getBeanDefinition("mdmLinkJpaRepository").isLazyInit()).isTrue();
			assertThat(factory.containsSingleton("mdmLinkJpaRepository")).isFalse();
			IMdmLinkJpaRepository injected = context.getBean(NeedsARepository.class).repository;
			assertThat(AopUtils.isAopProxy(injected)).isTrue();
			assertThat(factory.containsSingleton("mdmLinkJpaRepository")).isFalse();
		}
	}

	@Test
	void otherBeansStayAsDeclared() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
			context.registerBeanDefinition("needsARepository", new RootBeanDefinition(Object.class));
			context.registerBeanDefinition("lazyHapiRepositories", new RootBeanDefinition(LazyHapiRepositories.class));

			context.refresh();

			assertThat(context.getDefaultListableBeanFactory().getBeanDefinition("needsARepository").isLazyInit()).isFalse();
			assertThat(context.getDefaultListableBeanFactory().containsSingleton("needsARepository")).isTrue();
		}
	}
}
