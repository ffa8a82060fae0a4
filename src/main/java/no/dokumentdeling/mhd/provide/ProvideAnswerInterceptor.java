package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * The ITI-65 answer has no {@code Location}: HAPI gives the transaction-response Bundle an id and answers a POST
 * with {@code Location} / {@code Content-Location} pointing at {@code Bundle/<id>}, which was never stored and is
 * 404. Without the id HAPI sends neither; each entry's {@code response.location} names what was created.
 */
@Component
@Interceptor
public class ProvideAnswerInterceptor implements FhirInterceptor {

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean withoutLocationOfTheAnswer(RequestDetails request, ResponseDetails response) {
		if (request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION
				&& response.getResponseResource() instanceof Bundle answer) {
			answer.setIdElement(null);
		}
		return true;
	}
}
