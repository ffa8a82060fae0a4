package no.dokumentdeling.audit;

import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail's settings.
 *
 * @param unauthenticatedFailures how many records of refused unauthenticated requests are written
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.audit")
public record AuditProperties(@Valid UnauthenticatedFailures unauthenticatedFailures) {

	public AuditProperties {
		if (unauthenticatedFailures == null) unauthenticatedFailures = new UnauthenticatedFailures(null, null, null, null, null);
	}

	/**
	 * Anyone can send requests without a valid token, and each would cost a database row: these limits keep an
	 * attacker from filling the audit trail or slowing the server with them. Requests over a limit are refused as
	 * always; only their record is counted instead of written, and the counts become one security alert per
	 * {@code summaryInterval}. Both limits are token buckets that refill evenly over {@code period}.
	 *
	 * @param perSource records per source (an IPv4 address, an IPv6 /64) per period; also the largest burst
	 * @param total records for all sources together per period: what address rotation cannot get past
	 * @param period over which the limits refill
	 * @param summaryInterval how often the suppressed records are summarised in a security alert
	 * @param maxTrackedSources sources tracked one by one; beyond them, new sources share one limit
	 */
	public record UnauthenticatedFailures(
			Integer perSource, Integer total, Duration period, Duration summaryInterval, Integer maxTrackedSources) {

		public UnauthenticatedFailures {
			if (perSource == null) perSource = 20;
			if (total == null) total = 120;
			if (period == null) period = Duration.ofMinutes(1);
			if (summaryInterval == null) summaryInterval = Duration.ofMinutes(1);
			if (maxTrackedSources == null) maxTrackedSources = 10_000;
			if (perSource < 1 || total < 1 || maxTrackedSources < 1) {
				throw new IllegalArgumentException("dokumentdeling.audit.unauthenticated-failures: per-source, total and "
						+ "max-tracked-sources must be at least 1");
			}
			if (period.isNegative() || period.isZero() || summaryInterval.isNegative() || summaryInterval.isZero()) {
				throw new IllegalArgumentException(
						"dokumentdeling.audit.unauthenticated-failures: period and summary-interval must be positive");
			}
		}
	}
}
