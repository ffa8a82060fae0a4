package no.dokumentdeling.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The server's own metrics, next to the JVM, Tomcat, Hikari and HTTP ones on {@code /actuator/prometheus}. Each
 * method is called, in one line, where the server decides the thing it counts. Label values come from fixed sets
 * (rule codes, reasons, transactions), never from request content, so the number of series stays bounded.
 */
@Component
public class DomainMetrics {

	/** The label of an ITI-65 refusal that no rule of ours named (a parse error, a missing scope, ...). */
	static final String UNNAMED_RULE = "other";

	private final MeterRegistry registry;
	private final Counter iti65Accepted;
	private final Timer auditStored;
	private final Timer auditFailed;

	public DomainMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.iti65Accepted = Counter.builder("dokumentdeling.iti65.accepted")
				.description("ITI-65 Provide Document Bundle submissions stored").register(registry);
		this.auditStored = auditTimer("stored");
		this.auditFailed = auditTimer("failed");
		for (HiddenReason reason : HiddenReason.values()) {
			hidden(reason);
		}
	}

	public void iti65Accepted() {
		iti65Accepted.increment();
	}

	/** @param rule the ITI-65 rule that refused the bundle, or empty when no rule of ours did */
	public void iti65Refused(Optional<String> rule) {
		Counter.builder("dokumentdeling.iti65.refused").description("ITI-65 submissions refused, by rule")
				.tag("rule", rule.orElse(UNNAMED_RULE)).register(registry).increment();
	}

	public void documentsHidden(HiddenReason reason, int count) {
		if (count > 0) {
			hidden(reason).increment(count);
		}
	}

	/**
	 * Records a visibility decision and answers it: {@code true} (shown) when there is no reason to hide.
	 * Lets a predicate count what it hides in the same expression.
	 */
	public boolean shown(Optional<HiddenReason> hiddenBecause) {
		hiddenBecause.ifPresent(reason -> hidden(reason).increment());
		return hiddenBecause.isEmpty();
	}

	/** A call under emergency access ({@code nhn-access-basis: akutt}) that was answered. */
	public void emergencyAccess(String transaction) {
		Counter.builder("dokumentdeling.emergency.accesses").description("Calls answered under emergency access (akutt)")
				.tag("transaction", transaction).register(registry).increment();
	}

	/** Times one audit-trail write; a write that throws is counted as failed and the exception goes on. */
	public <T> T auditWrite(Supplier<T> write) {
		long start = System.nanoTime();
		try {
			T written = write.get();
			auditStored.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return written;
		} catch (RuntimeException e) {
			auditFailed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			throw e;
		}
	}

	/**
	 * A request whose credentials were refused.
	 *
	 * @param error the RFC 6750 / RFC 9449 error code ({@code invalid_token}, {@code invalid_dpop_proof},
	 *     {@code invalid_request}), or {@code null} for a request without credentials
	 */
	public void authenticationRefused(String error) {
		Counter.builder("dokumentdeling.authentication.refused")
				.description("Requests refused for their access token or DPoP proof, by error code")
				.tag("reason", error == null ? "no_token" : error).register(registry).increment();
	}

	private Counter hidden(HiddenReason reason) {
		return Counter.builder("dokumentdeling.documents.hidden").description("Stored documents not shown to a reader, by reason")
				.tag("reason", reason.label()).register(registry);
	}

	private Timer auditTimer(String outcome) {
		return Timer.builder("dokumentdeling.audit.write").description("Audit-trail writes, by outcome")
				.tag("outcome", outcome).register(registry);
	}
}
