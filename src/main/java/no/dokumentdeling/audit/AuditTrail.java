package no.dokumentdeling.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import no.dokumentdeling.observability.DomainMetrics;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The append-only audit trail. Writing is synchronous: when the record cannot be stored, the call it records must
 * not deliver anything, so the caller gets {@link AuditUnavailableException} instead.
 */
@Component
public class AuditTrail {

	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

	private final DaoRegistry daoRegistry;
	private final IHapiTransactionService transactions;
	private final AuditEventFactory factory;
	private final StoredReferences storedReferences;
	private final DomainMetrics metrics;

	public AuditTrail(@Lazy DaoRegistry daoRegistry, @Lazy IHapiTransactionService transactions, AuditEventFactory factory,
			StoredReferences storedReferences, DomainMetrics metrics) {
		this.daoRegistry = daoRegistry;
		this.transactions = transactions;
		this.factory = factory;
		this.storedReferences = storedReferences;
		this.metrics = metrics;
	}

	public void record(AuditRecord record) {
		record(record, KnownStorageIds.none());
	}

	/** @param known the storage ids of resources the call holds, which the record need not look up */
	public void record(AuditRecord record, KnownStorageIds known) {
		write(factory.create(record), known);
		if (record.emergency() && record.succeeded()) {
			metrics.emergencyAccess(record.transaction().code());
		}
	}

	/** Stores an event shaped elsewhere (an unauthenticated attempt, a security alert). */
	public void write(AuditEvent event) {
		write(event, KnownStorageIds.none());
	}

	private void write(AuditEvent event, KnownStorageIds known) {
		try {
			// One transaction for looking the references up and storing the record (the request's own, for ITI-65).
			SystemRequestDetails system = new SystemRequestDetails();
			metrics.auditWrite(() -> transactions.withRequest(system).execute(() -> daoRegistry.getResourceDao(AuditEvent.class)
					.create(event, null, true, system, storedReferences.resolved(event, known))));
		} catch (RuntimeException e) {
			log.error("Could not write the audit record {} {} ({})", event.getType().getCode(),
					event.getSubtype().stream().map(Coding::getCode).toList(), event.getOutcomeDesc(), e);
			throw new AuditUnavailableException();
		}
	}

	/** 503: the audit trail could not be written, so nothing is delivered. */
	public static class AuditUnavailableException extends BaseServerResponseException {
		public AuditUnavailableException() {
			super(503, "The access could not be recorded in the audit trail, so it was not carried out. Try again later.");
		}
	}
}
