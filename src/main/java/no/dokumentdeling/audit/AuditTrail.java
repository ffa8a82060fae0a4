package no.dokumentdeling.audit;

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

	private final AuditEventTable table;
	private final IHapiTransactionService transactions;
	private final AuditEventFactory factory;
	private final DomainMetrics metrics;

	public AuditTrail(AuditEventTable table, @Lazy IHapiTransactionService transactions, AuditEventFactory factory,
			DomainMetrics metrics) {
		this.table = table;
		this.transactions = transactions;
		this.factory = factory;
		this.metrics = metrics;
	}

	public void record(AuditRecord record) {
		write(factory.create(record));
		if (record.emergency() && record.succeeded()) {
			metrics.emergencyAccess(record.transaction().code());
		}
	}

	/** Stores an event shaped elsewhere (an unauthenticated attempt, a security alert). */
	public void write(AuditEvent event) {
		try {
			// One transaction for the record and its search keys: the request's own where there is one (ITI-65, a
			// retraction), so the record commits or rolls back with what it records.
			metrics.auditWrite(() -> transactions.withRequest(new SystemRequestDetails()).execute(() -> {
				table.append(event);
				return event;
			}));
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
