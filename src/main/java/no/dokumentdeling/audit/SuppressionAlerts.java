package no.dokumentdeling.audit;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Period;
import org.springframework.stereotype.Component;

/**
 * The DICOM "Security Alert" that stands in for the records of refused unauthenticated requests that were counted
 * instead of written: when, from which sources, how many. Its outcome is 8 (serious failure): the trail is knowingly
 * incomplete for that period, which an auditor must not miss, while the refusals themselves all happened (in the
 * DICOM sense of a security alert, the mitigation was effective).
 */
@Component
public class SuppressionAlerts {

	public static final String SUBTYPE_SYSTEM = "https://dokumentdeling.no/fhir/CodeSystem/audit-event-subtype";
	public static final String SUPPRESSED = "unauthenticated-failures-suppressed";
	public static final String SECURITY_ALERT = "110113";

	/** Enough to see who is hammering; the rest are summed, so one alert stays small whatever the attack. */
	static final int LISTED_SOURCES = 20;

	public AuditEvent create(UnauthenticatedFailureLimiter.Suppressed suppressed, AuditProperties.UnauthenticatedFailures limits) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding(MhdTransaction.DICOM, SECURITY_ALERT, "Security Alert"));
		event.addSubtype(new Coding(SUBTYPE_SYSTEM, SUPPRESSED, "Records of refused unauthenticated requests suppressed"));
		event.setAction(AuditEventAction.E);
		event.setPeriod(new Period().setStart(Date.from(suppressed.from())).setEnd(Date.from(suppressed.to())));
		event.setRecorded(Date.from(suppressed.to()));
		event.setOutcome(AuditEventOutcome._8);
		event.setOutcomeDesc(suppressed.total() + " records of refused unauthenticated requests from "
				+ suppressed.sources().size() + " sources were counted, not written (limits: " + limits.perSource()
				+ " per source and " + limits.total() + " in total per " + limits.period() + ")");
		AuditEventFactory.observedHere(event);

		List<UnauthenticatedFailureLimiter.SourceCount> listed =
				suppressed.sources().stream().limit(LISTED_SOURCES).toList();
		AuditEventEntityComponent counts = event.addEntity()
				.setType(new Coding(AuditEventFactory.ENTITY_TYPE, "4", "Other"))
				.setRole(new Coding(AuditEventFactory.ROLE_SYSTEM, "suppressed-records", "Suppressed audit records"));
		for (UnauthenticatedFailureLimiter.SourceCount source : listed) {
			// As an agent, so that an auditor's search by address finds the alert next to that source's own records.
			AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
			agent.getWho().setDisplay(AuditEventFactory.UNAUTHENTICATED);
			if (!UnauthenticatedFailureLimiter.OTHER_SOURCES.equals(source.source())) {
				agent.getNetwork().setAddress(source.source());
			}
			AuditEventFactory.detail(counts, source.source(), Long.toString(source.count()));
		}
		long unlisted = suppressed.sources().stream().skip(LISTED_SOURCES)
				.mapToLong(UnauthenticatedFailureLimiter.SourceCount::count).sum();
		if (unlisted > 0) {
			AuditEventFactory.detail(counts, "unlisted sources", Long.toString(unlisted));
		}
		AuditEventFactory.detail(counts, "total", Long.toString(suppressed.total()));
		return event;
	}
}
