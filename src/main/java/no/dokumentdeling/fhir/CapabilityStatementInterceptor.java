package no.dokumentdeling.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.stereotype.Component;

/**
 * {@code /metadata} answers with our CapabilityStatement from {@code ig/} instead of the one HAPI generates from
 * its providers: HAPI's would list every JPA search parameter and interaction of the registered resource types,
 * while {@link ServedInteractionsInterceptor} and the MHD rules serve only a part of them. Ours lists exactly what
 * works and instantiates the IHE MHD Document Recipient and Document Responder CapabilityStatements.
 */
@Component
@Interceptor
public class CapabilityStatementInterceptor implements FhirInterceptor {

	private final CapabilityStatement ours;

	public CapabilityStatementInterceptor(ConformanceResources conformance) {
		this.ours = conformance.capabilityStatement()
				.orElseThrow(() -> new IllegalStateException("ig/ has no CapabilityStatement"));
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void serveOurs(IBaseConformance generated, RequestDetails request) {
		CapabilityStatement statement = (CapabilityStatement) generated;
		// Keep what HAPI knows about this running instance; take everything else from ig/.
		String software = statement.getSoftware().getVersion();
		// The generating request's base; /metadata answers each request with its own (below), and the API docs,
		// which read the statement HAPI keeps, need one.
		String implementationUrl = statement.getImplementation().getUrl();
		CapabilityStatement copy = ours.copy();
		copy.getSoftware().setVersion(software);
		copy.getImplementation().setUrl(implementationUrl);
		copy.copyValues(statement);
		statement.setId(ours.getIdElement().toUnqualifiedVersionless());
	}

	/**
	 * {@code implementation.url} is the base this request reached (or the configured public base URL). It is set on
	 * the way out, on a copy: HAPI keeps the generated statement for a minute and answers every request in that time
	 * with the same object, so a url set at generation would be the first caller's host for all of them.
	 */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean implementationUrlOfThisRequest(RequestDetails request, ResponseDetails response) {
		if (response.getResponseResource() instanceof CapabilityStatement statement) {
			CapabilityStatement answer = statement.copy();
			answer.getImplementation().setUrl(request.getFhirServerBase());
			response.setResponseResource(answer);
		}
		return true;
	}
}
