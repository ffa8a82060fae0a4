package no.dokumentdeling.audit;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Coding;

/** What kind of call an audit record is about: an IHE MHD transaction, a change of a citizen's sperring, or a retraction. */
public sealed interface AuditedInteraction permits MhdTransaction, ConsentChange, DocumentRetraction {

	/** A short code for logs: {@code ITI-67}, {@code create}. */
	String code();

	/** {@code AuditEvent.type}. */
	Coding eventType();

	/** {@code AuditEvent.subtype}. */
	Coding subtype();

	AuditEventAction action();
}
