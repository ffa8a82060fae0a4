package no.dokumentdeling.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR endpoint at {@code /fhir}: HAPI's RestfulServer with only the MHD resource types, and every interceptor
 * bean of the application (anything annotated {@code @Interceptor} and exposed through {@link FhirInterceptor}).
 */
@Configuration
public class RestfulServerConfig {

	public static final String FHIR_PATH = "/fhir";

	@Bean
	public RestfulServer restfulServer(
			FhirContext fhirContext,
			DaoRegistry daoRegistry,
			ResourceProviderFactory resourceProviders,
			DatabaseBackedPagingProvider pagingProvider,
			FhirServerProperties properties,
			ConformanceResources conformance,
			List<FhirPlainProvider> plainProviders,
			List<FhirResourceProvider> ourResourceProviders,
			ObjectProvider<FhirInterceptor> interceptors) {
		daoRegistry.setSupportedResourceTypes(ServedResourceTypes.STORED);
		fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());

		// The server keeps its own interceptor service. HAPI calls storage hooks on the JPA service and on the
		// request's server service; were they one service, every storage hook would run twice per request.
		RestfulServer server = new RestfulServer(fhirContext);
		// Where we serve a type with a provider of our own (DocumentReference, whose create is ITI-105), HAPI's goes.
		var ours = ourResourceProviders.stream().map(p -> fhirContext.getResourceType(p.getResourceType())).toList();
		server.registerProviders(resourceProviders.createProviders().stream()
				.filter(p -> p instanceof ca.uhn.fhir.rest.server.IResourceProvider rp
						&& ServedResourceTypes.REST.contains(fhirContext.getResourceType(rp.getResourceType()))
						&& !ours.contains(fhirContext.getResourceType(rp.getResourceType())))
				.toList());
		ourResourceProviders.forEach(server::registerProvider);
		plainProviders.forEach(server::registerProvider);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setServerAddressStrategy(
				properties.publicBaseUrl() == null || properties.publicBaseUrl().isBlank()
						? new IncomingRequestAddressStrategy()
						: new HardcodedServerAddressStrategy(properties.publicBaseUrl()));
		server.setImplementationDescription("dokumentdeling: IHE MHD Document Recipient and Responder");
		server.setServerConformanceProvider(new OurOperationDefinitions(server, conformance));

		server.registerInterceptor(new ServedInteractionsInterceptor());
		interceptors.orderedStream().forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	StartupGate startupGate() {
		return new StartupGate();
	}

	/** Ahead of every other filter: before the start is complete, nothing of a request is looked at. */
	@Bean
	FilterRegistrationBean<StartupGate> startupGateRegistration(StartupGate gate) {
		FilterRegistrationBean<StartupGate> registration = new FilterRegistrationBean<>(gate);
		registration.addUrlPatterns(FHIR_PATH + "/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
		ServletRegistrationBean<RestfulServer> registration =
				new ServletRegistrationBean<>(restfulServer, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
