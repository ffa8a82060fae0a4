package no.dokumentdeling.observability;

import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * What the FHIR layer learnt about a request that its log line reports: the MHD transaction HAPI routed it to and,
 * for a refusal, the rule. Kept on the servlet request, where the log filter reads it once the answer is out.
 */
final class RequestOutcome {

	private static final String KEY = RequestOutcome.class.getName();

	private String transaction;
	private String rule;

	static RequestOutcome of(ServletRequest request) {
		if (request.getAttribute(KEY) instanceof RequestOutcome outcome) {
			return outcome;
		}
		RequestOutcome outcome = new RequestOutcome();
		request.setAttribute(KEY, outcome);
		return outcome;
	}

	void transaction(String code) {
		transaction = code;
	}

	void refusedBy(String rule) {
		this.rule = rule;
	}

	Optional<String> transaction() {
		return Optional.ofNullable(transaction);
	}

	Optional<String> rule() {
		return Optional.ofNullable(rule);
	}
}
