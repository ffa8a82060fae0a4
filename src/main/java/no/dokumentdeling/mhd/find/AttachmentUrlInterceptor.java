package no.dokumentdeling.mhd.find;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.stereotype.Component;

/**
 * Documents are stored with {@code content.attachment.url = Binary/<id>} (HAPI rewrites the bundle's fullUrl at
 * ITI-65). A consumer needs an absolute URL it can GET for ITI-68, and the right base depends on how it reached us
 * (the configured public base URL, else the request's own), so the URL is made absolute on the way out only.
 */
@Component
@Interceptor
public class AttachmentUrlInterceptor implements FhirInterceptor {

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean absoluteAttachmentUrls(RequestDetails request, ResponseDetails response) {
		IBaseResource resource = response.getResponseResource();
		if (resource instanceof DocumentReference document) {
			absolutize(document, request.getFhirServerBase());
		} else if (resource instanceof Bundle bundle) {
			String base = request.getFhirServerBase();
			bundle.getEntry().stream()
					.filter(e -> e.getResource() instanceof DocumentReference)
					.forEach(e -> absolutize((DocumentReference) e.getResource(), base));
		}
		return true;
	}

	static void absolutize(DocumentReference document, String base) {
		for (var content : document.getContent()) {
			var attachment = content.getAttachment();
			if (attachment.hasUrl() && attachment.getUrl().startsWith("Binary/")) {
				attachment.setUrl(stripSlash(base) + "/" + attachment.getUrl());
			}
		}
	}

	private static String stripSlash(String base) {
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}
}
