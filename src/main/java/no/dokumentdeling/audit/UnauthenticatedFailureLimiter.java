package no.dokumentdeling.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Decides whether the record of a refused unauthenticated request is written or only counted: a token bucket per
 * source and one for all sources together ({@link AuditProperties.UnauthenticatedFailures}). Kept in memory, per
 * replica: the limits protect this replica's share of the database, and a refused request must stay cheap.
 */
@Component
public class UnauthenticatedFailureLimiter {

	/** Where the counts of sources beyond {@code max-tracked-sources} go, so memory stays bounded too. */
	public static final String OTHER_SOURCES = "other sources";

	private static final Logger log = LoggerFactory.getLogger(UnauthenticatedFailureLimiter.class);

	private final AuditProperties.UnauthenticatedFailures limits;
	private final Clock clock;
	private final Map<String, Source> sources = new HashMap<>();
	private final Bucket total;
	private Instant since;
	private boolean announced;

	@Autowired
	public UnauthenticatedFailureLimiter(AuditProperties properties) {
		this(properties.unauthenticatedFailures(), Clock.systemUTC());
	}

	UnauthenticatedFailureLimiter(AuditProperties.UnauthenticatedFailures limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
		this.since = clock.instant();
		this.total = new Bucket(limits.total(), limits.period(), since);
	}

	/** Whether the record of a refused unauthenticated request from {@code address} may be written now. */
	public synchronized boolean tryAcquire(String address) {
		Instant now = clock.instant();
		String key = sourceOf(address);
		Source source = sources.get(key);
		if (source == null) {
			key = sources.size() < limits.maxTrackedSources() ? key : OTHER_SOURCES;
			source = sources.computeIfAbsent(key, k -> new Source(new Bucket(limits.perSource(), limits.period(), now)));
		}
		boolean sourceHasRoom = source.bucket.available(now);
		if (sourceHasRoom && total.available(now)) {
			source.bucket.take();
			total.take();
			return true;
		}
		source.suppressed++;
		if (!announced) {
			announced = true;
			log.warn("Audit records of refused unauthenticated requests are being limited ({}): further ones are "
					+ "counted, and summarised in a security alert every {}",
					sourceHasRoom ? "all sources together are over " + limits.total() + " per " + limits.period()
							: key + " is over " + limits.perSource() + " per " + limits.period(),
					limits.summaryInterval());
		}
		return false;
	}

	/** What was suppressed since the last drain, most suppressed source first; sources quiet again are forgotten. */
	public synchronized Suppressed drain() {
		Instant now = clock.instant();
		List<SourceCount> counts = sources.entrySet().stream()
				.filter(e -> e.getValue().suppressed > 0)
				.map(e -> new SourceCount(e.getKey(), e.getValue().suppressed))
				.sorted(Comparator.comparingLong(SourceCount::count).reversed().thenComparing(SourceCount::source))
				.toList();
		sources.values().forEach(source -> source.suppressed = 0);
		sources.values().removeIf(source -> source.bucket.full(now));
		Suppressed suppressed = new Suppressed(since, now, counts);
		since = now;
		announced = false;
		return suppressed;
	}

	AuditProperties.UnauthenticatedFailures limits() {
		return limits;
	}

	/**
	 * An IPv4 address as it is; an IPv6 address by its /64, which one subscriber usually holds whole: otherwise
	 * every address of it would be a fresh source with a fresh budget.
	 */
	static String sourceOf(String address) {
		if (address == null || address.isBlank()) {
			return "unknown";
		}
		if (address.indexOf(':') < 0) {
			return address;
		}
		try {
			// An IP literal: no name lookup happens.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length != 16) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			return String.format("%x:%x:%x:%x::/64", word(bytes, 0), word(bytes, 2), word(bytes, 4), word(bytes, 6));
		} catch (UnknownHostException e) {
			return address;
		}
	}

	private static int word(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
	}

	/** Records suppressed between {@code from} and {@code to}, per source. */
	public record Suppressed(Instant from, Instant to, List<SourceCount> sources) {

		public long total() {
			return sources.stream().mapToLong(SourceCount::count).sum();
		}

		public boolean isEmpty() {
			return sources.isEmpty();
		}
	}

	public record SourceCount(String source, long count) {}

	private static final class Source {
		private final Bucket bucket;
		private long suppressed;

		Source(Bucket bucket) {
			this.bucket = bucket;
		}
	}

	/** Starts full; refills evenly, {@code capacity} tokens per {@code period}. */
	private static final class Bucket {
		private final double capacity;
		private final double perNano;
		private double tokens;
		private Instant refilled;

		Bucket(int capacity, Duration period, Instant now) {
			this.capacity = capacity;
			this.perNano = capacity / (double) period.toNanos();
			this.tokens = capacity;
			this.refilled = now;
		}

		boolean available(Instant now) {
			refill(now);
			return tokens >= 1;
		}

		void take() {
			tokens -= 1;
		}

		boolean full(Instant now) {
			refill(now);
			return tokens >= capacity;
		}

		private void refill(Instant now) {
			if (now.isAfter(refilled)) {
				tokens = Math.min(capacity, tokens + Duration.between(refilled, now).toNanos() * perNano);
				refilled = now;
			}
		}
	}
}
