package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.dokumentdeling.security.Callers;
import no.dokumentdeling.mhd.provide.rules.UniqueIdRule;
import no.dokumentdeling.fhir.FhirPlainProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * ITI-65 Provide Document Bundle: {@code POST [base]} with a transaction Bundle. Every {@link ProvideBundleRule}
 * must hold before anything is written; then the whole bundle is stored in one database transaction.
 */
@Component
public class ProvideDocumentBundleProvider implements FhirPlainProvider {

	private static final Logger log = LoggerFactory.getLogger(ProvideDocumentBundleProvider.class);

	private final List<ProvideBundleRule> rules;
	private final ProvideBundlePreparation preparation;
	private final IFhirSystemDao<Bundle, Meta> systemDao;

	public ProvideDocumentBundleProvider(
			List<ProvideBundleRule> rules, ProvideBundlePreparation preparation, IFhirSystemDao<Bundle, Meta> systemDao) {
		this.rules = rules;
		this.preparation = preparation;
		this.systemDao = systemDao;
	}

	@Transaction
	public Bundle provideDocumentBundle(@TransactionParam Bundle bundle, RequestDetails request) {
		return provide(bundle, request);
	}

	/**
	 * Checks and stores an ITI-65 bundle under {@code request}: the one a source sent, or the one an ITI-105
	 * Simplified Publish stands for ({@link SimplifiedPublish}), so both meet the same rules.
	 */
	public Bundle provide(Bundle bundle, RequestDetails request) {
		ProvideBundle provide = new ProvideBundle(bundle, publisherOrgnrs(request));
		rules.forEach(rule -> rule.check(provide));
		int requested = bundle.getEntry().size();
		preparation.prepare(provide);
		Bundle response = store(bundle, request);
		// Entries the preparation added (patient registration, supersede PATCH) are ours, not the client's.
		response.getEntry().subList(Math.min(requested, response.getEntry().size()), response.getEntry().size()).clear();
		return response;
	}

	private static Set<String> publisherOrgnrs(RequestDetails request) {
		return Callers.of(request)
				.map(caller -> Stream.of(caller.orgnrParent(), caller.orgnrChild()).filter(Objects::nonNull).collect(Collectors.toSet()))
				.orElse(Set.of());
	}

	/**
	 * Stores the bundle in one database transaction, which also holds its audit record (audit.PublicationAuditInterceptor).
	 * The checks above ran before it, so a concurrent submission can still collide with this one at commit: the
	 * database's unique indexes then decide.
	 */
	private Bundle store(Bundle bundle, RequestDetails request) {
		try {
			return storeOnce(bundle, request);
		} catch (ResourceVersionConflictException e) {
			String message = String.valueOf(e.getMessage());
			if (message.contains("unique index")) {
				throw ProvideBundleRejection.conflict(UniqueIdRule.RULE, XdsErrorCode.XDSDuplicateUniqueIdInRegistry,
						"A document with the same masterIdentifier was registered at the same moment");
			}
			// Typically another submission registered the same patient a moment ago: on a second try the conditional
			// create finds that patient. A conflict that is real (a replaced document changed meanwhile) fails again.
			return storeOnce(bundle, request);
		}
	}

	/**
	 * One attempt. A failure of the database (the audit record refused, the connection lost) rolled the whole
	 * transaction back, record included: the source learns that nothing was stored, not the database's words.
	 */
	private Bundle storeOnce(Bundle bundle, RequestDetails request) {
		try {
			return systemDao.transaction(request, bundle.copy());
		} catch (BaseServerResponseException e) {
			throw e;
		} catch (RuntimeException e) {
			log.error("ITI-65: the bundle and its audit record could not be stored; the transaction was rolled back", e);
			throw new UnclassifiedServerFailureException(503,
					"The documents could not be stored and recorded, so nothing was stored. Try again later.");
		}
	}
}
