package no.dokumentdeling.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * HAPI's capability statement provider, which also resolves the OperationDefinitions our CapabilityStatement names
 * (from {@code ig/}, by canonical URL): HAPI's own only knows the ids it generates from the operation methods, so the
 * OpenAPI generator ({@link ApiDocsInterceptor}) could not describe {@code $innsynslogg}.
 */
final class OurOperationDefinitions extends ServerCapabilityStatementProvider {

	private final ConformanceResources conformance;

	OurOperationDefinitions(RestfulServer server, ConformanceResources conformance) {
		super(server);
		this.conformance = conformance;
	}

	@Override
	public IBaseResource readOperationDefinition(IIdType id, RequestDetails request) {
		return conformance.operationDefinition(id.getValue())
				.<IBaseResource>map(d -> d)
				.orElseGet(() -> super.readOperationDefinition(id, request));
	}
}
