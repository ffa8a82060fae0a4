package no.dokumentdeling.audit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Every {@code summary-interval}, turns the records the {@link UnauthenticatedFailureLimiter} suppressed into one
 * security alert in the audit trail, and a log line. A quiet interval writes nothing.
 */
@Component
public class SuppressionSummaryWriter implements InitializingBean, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SuppressionSummaryWriter.class);

	private final UnauthenticatedFailureLimiter limiter;
	private final SuppressionAlerts alerts;
	private final AuditTrail trail;
	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "audit-suppression-summary");
		thread.setDaemon(true);
		return thread;
	});

	public SuppressionSummaryWriter(UnauthenticatedFailureLimiter limiter, SuppressionAlerts alerts, AuditTrail trail) {
		this.limiter = limiter;
		this.alerts = alerts;
		this.trail = trail;
	}

	@Override
	public void afterPropertiesSet() {
		long interval = limiter.limits().summaryInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::writeSummary, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		scheduler.shutdownNow();
		// What was counted since the last summary would otherwise be lost with this replica.
		writeSummary();
	}

	void writeSummary() {
		UnauthenticatedFailureLimiter.Suppressed suppressed;
		try {
			suppressed = limiter.drain();
			if (suppressed.isEmpty()) {
				return;
			}
		} catch (RuntimeException e) {
			log.error("Could not count the suppressed audit records", e);
			return;
		}
		String summary = suppressed.total() + " audit records of refused unauthenticated requests were suppressed between "
				+ suppressed.from() + " and " + suppressed.to() + ", from " + suppressed.sources().size() + " sources ("
				+ suppressed.sources().stream().limit(SuppressionAlerts.LISTED_SOURCES).toList() + ")";
		try {
			trail.write(alerts.create(suppressed, limiter.limits()));
			log.warn("{}; a security alert records them", summary);
		} catch (RuntimeException e) {
			// The log is then the only trace of them.
			log.error("{}; the security alert recording them could not be written", summary, e);
		}
	}
}
