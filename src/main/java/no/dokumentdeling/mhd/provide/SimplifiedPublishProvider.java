package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.rp.r4.DocumentReferenceResourceProvider;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import no.dokumentdeling.fhir.FhirResourceProvider;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * HAPI's JPA DocumentReference provider (read, search, update, patch) whose create is ITI-105 Simplified Publish
 * ({@link SimplifiedPublish}): the DocumentReference is stored as the ITI-65 bundle it stands for, and the answer is
 * 201 Created with {@code Location} and the DocumentReference as stored (no data; {@code attachment.url} the Binary's
 * ITI-68 URL). HAPI's own create would store the document past every ITI-65 rule, without Binary or SubmissionSet.
 */
@Component
public class SimplifiedPublishProvider extends DocumentReferenceResourceProvider implements FhirResourceProvider {

	private final SimplifiedPublish simplifiedPublish;
	private final ProvideDocumentBundleProvider provider;

	public SimplifiedPublishProvider(DaoRegistry daoRegistry, FhirContext fhirContext, SimplifiedPublish simplifiedPublish,
			ProvideDocumentBundleProvider provider) {
		this.simplifiedPublish = simplifiedPublish;
		this.provider = provider;
		setDao(daoRegistry.getResourceDao(DocumentReference.class));
		setContext(fhirContext);
	}

	@Create
	@Override
	public MethodOutcome create(HttpServletRequest servletRequest, @ResourceParam DocumentReference document,
			@ConditionalUrlParam String conditional, RequestDetails request) {
		if (conditional != null) {
			throw new InvalidRequestException("[" + SimplifiedPublish.RULE + "] ITI-105 is not a conditional create: "
					+ "a document's unique id is never reused (masterIdentifier)");
		}
		Caller caller = Callers.of(request).orElseThrow(() -> new ForbiddenOperationException("No authenticated caller."));
		Bundle response = provider.provide(simplifiedPublish.provideBundle(document, caller), request);
		IdType stored = new IdType(response.getEntry().get(SimplifiedPublish.DOCUMENT_ENTRY).getResponse().getLocation());
		DocumentReference created = getDao().read(stored.toUnqualifiedVersionless(), new SystemRequestDetails());
		return new MethodOutcome(created.getIdElement(), true).setResource(created);
	}
}
