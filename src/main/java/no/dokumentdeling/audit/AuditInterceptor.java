package no.dokumentdeling.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ListResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the audit record of every ITI-65/66/67/68 call HAPI handles, allowed or denied, and of every change a citizen
 * makes to their sperring (Consent). A successful call is
 * recorded before its answer leaves (this hook runs ahead of the ITI-68 streaming), so a failed audit write means
 * the caller gets 503 and no document.
 */
@Component
@Interceptor
public class AuditInterceptor implements FhirInterceptor {

	private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
	private static final String AUDITED = AuditInterceptor.class.getName() + ".audited";

	/**
	 * Where in {@link Pointcut#SERVER_OUTGOING_RESPONSE} the record is written: after every hook that may still
	 * refuse the answer. A hook that delivers the answer itself runs before this one, decides everything that can
	 * fail, and then calls {@link #recordSuccess} right before it writes the first byte.
	 */
	public static final int ORDER = -100;

	private final AuditTrail trail;
	private final AuditedResources resources;
	private final PagedSearches pagedSearches;

	public AuditInterceptor(AuditTrail trail, AuditedResources resources, PagedSearches pagedSearches) {
		this.trail = trail;
		this.resources = resources;
		this.pagedSearches = pagedSearches;
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
	public boolean recordSuccess(RequestDetails request, ResponseDetails response, HttpServletRequest servletRequest) {
		IBaseResource answer = response.getResponseResource();
		Optional<AuditedInteraction> transaction = transactionOf(request, answer);
		if (transaction.isEmpty() || audited(servletRequest)) {
			return true;
		}
		servletRequest.setAttribute(AUDITED, Boolean.TRUE);
		if (transaction.get() instanceof MhdTransaction publication && publication.publishes()
				|| transaction.get() instanceof DocumentRetraction) {
			// Recorded inside the database transaction that stored it (PublicationAuditInterceptor, retraction.Retraction).
			return true;
		}
		// Built from what the answer shows; only an answer that names no patient (an empty search) falls back to the
		// patient the request named, if that patient exists (the record must not point at nothing).
		Set<String> patients = new LinkedHashSet<>();
		Set<String> documents = new LinkedHashSet<>();
		if (transaction.get() instanceof ConsentChange) {
			resources.collectConsentChange(request, answer, patients, documents);
		} else {
			resources.collect(request, answer, patients, documents);
		}
		if (patients.isEmpty()) {
			patients.addAll(resources.existing(requestedPatients(request)));
		}
		trail.record(new AuditRecord(transaction.get(), Callers.of(request), List.copyOf(patients), List.copyOf(documents),
				query(request, transaction.get()), response.getResponseCode() == 0 ? 200 : response.getResponseCode(), null,
				servletRequest.getRemoteAddr(), Instant.now()));
		return true;
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean recordFailure(RequestDetails request, BaseServerResponseException exception, HttpServletRequest servletRequest) {
		if (exception instanceof AuditTrail.AuditUnavailableException) {
			return true;
		}
		Optional<AuditedInteraction> transaction = interactionOf(request);
		List<String> named = requestedPatients(request);
		if (transaction.isEmpty()) {
			// A later page names no transaction itself; the search it continues does.
			Optional<PagedSearches.PagedSearch> paged = pagedSearches.of(request);
			transaction = paged.map(PagedSearches.PagedSearch::transaction);
			named = paged.map(PagedSearches.PagedSearch::patients).orElse(named);
		}
		if (transaction.isEmpty()) {
			return true;
		}
		servletRequest.setAttribute(AUDITED, Boolean.TRUE);
		Set<String> patients = new LinkedHashSet<>(resources.existing(named));
		Set<String> consents = new LinkedHashSet<>();
		if (transaction.get() instanceof ConsentChange) {
			resources.collectConsentChange(request, null, patients, consents);
		}
		try {
			trail.record(new AuditRecord(transaction.get(), Callers.of(request), List.copyOf(patients),
					List.copyOf(consents), query(request, transaction.get()), exception.getStatusCode(), exception.getMessage(),
					servletRequest.getRemoteAddr(), Instant.now()));
		} catch (AuditTrail.AuditUnavailableException e) {
			log.error("A refused {} call could not be audited", transaction.get().code());
		}
		return true;
	}

	private static Optional<AuditedInteraction> interactionOf(RequestDetails request) {
		return MhdTransaction.of(request).<AuditedInteraction>map(t -> t).or(() -> ConsentChange.of(request))
				.or(() -> DocumentRetraction.of(request));
	}

	private static Optional<AuditedInteraction> transactionOf(RequestDetails request, IBaseResource answer) {
		if (request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE && answer instanceof Bundle page) {
			// A later page of a search: what it lists tells which search it continues.
			boolean lists = page.getEntry().stream().anyMatch(e -> e.getResource() instanceof ListResource);
			return Optional.of(lists ? MhdTransaction.ITI_66 : MhdTransaction.ITI_67);
		}
		if (answer instanceof Binary || "Binary".equals(request.getResourceName())) {
			return request.getRestOperationType() == RestOperationTypeEnum.READ ? Optional.of(MhdTransaction.ITI_68) : Optional.empty();
		}
		return interactionOf(request);
	}

	/** Whether HAPI's hooks already recorded this request, so a servlet filter does not record it a second time. */
	static boolean audited(ServletRequest request) {
		return request.getAttribute(AUDITED) != null;
	}

	private static List<String> requestedPatients(RequestDetails request) {
		return RequestedPatients.named(request.getParameters());
	}

	private static String query(RequestDetails request, AuditedInteraction transaction) {
		if (transaction != MhdTransaction.ITI_66 && transaction != MhdTransaction.ITI_67) {
			return null;
		}
		return QueryParameters.render(request.getParameters());
	}

}
