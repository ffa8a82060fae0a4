package no.dokumentdeling.input;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In a transaction or batch, an entry that creates or updates a resource names that resource's type in its
 * {@code request.url} ({@code POST DocumentReference}, {@code PUT Patient/123}, a conditional
 * {@code Patient?identifier=...}). An entry whose url names another type is refused: what is stored would not be
 * what the request says.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TransactionEntryTypeInterceptor implements FhirInterceptor {

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -900)
	public void checkEntries(RequestDetails request) {
		if (!(request.getResource() instanceof Bundle bundle)) {
			return;
		}
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			BundleEntryComponent entry = bundle.getEntry().get(i);
			Bundle.HTTPVerb method = entry.getRequest().getMethod();
			if (entry.getResource() == null || method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT) {
				continue;
			}
			String url = entry.getRequest().getUrl();
			String type = entry.getResource().fhirType();
			if (!type.equals(typeNamed(url))) {
				throw new InvalidRequestException("Bundle.entry[" + i + "].request.url '" + TextRules.shortened(String.valueOf(url))
						+ "' does not name the type of the entry's resource (" + type + ").");
			}
		}
	}

	/** The resource type a request url starts with: {@code Patient} of {@code Patient/1} or {@code Patient?x=y}. */
	static String typeNamed(String url) {
		if (url == null) {
			return null;
		}
		String path = url.startsWith("/") ? url.substring(1) : url;
		int end = path.length();
		for (char delimiter : new char[] {'/', '?', '#'}) {
			int at = path.indexOf(delimiter);
			if (at >= 0 && at < end) {
				end = at;
			}
		}
		return path.substring(0, end);
	}
}
