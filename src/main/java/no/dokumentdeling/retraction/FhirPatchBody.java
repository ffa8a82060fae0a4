package no.dokumentdeling.retraction;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Component;

/**
 * A FHIRPath Patch (a PATCH sent as {@code application/fhir+json} or {@code +xml}) must be a Parameters resource.
 * HAPI casts the body to Parameters without looking, so any other resource would end in a 500 instead of a 400.
 */
@Component
@Interceptor
public class FhirPatchBody implements FhirInterceptor {

	private final FhirContext fhirContext;

	public FhirPatchBody(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void isParameters(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.PATCH) {
			return;
		}
		EncodingEnum encoding = EncodingEnum.forContentTypeStrict(request.getHeader("Content-Type"));
		if (encoding == null) {
			return;
		}
		IBaseResource body;
		try {
			body = encoding.newParser(fhirContext).parseResource(new String(request.loadRequestContents(), StandardCharsets.UTF_8));
		} catch (DataFormatException notFhir) {
			throw new InvalidRequestException("[" + Retraction.RULE + "] The FHIRPath Patch body is not a FHIR resource.");
		}
		if (!(body instanceof Parameters)) {
			throw new InvalidRequestException("[" + Retraction.RULE + "] A FHIRPath Patch is a Parameters resource, not "
					+ fhirContext.getResourceType(body) + ".");
		}
	}
}
