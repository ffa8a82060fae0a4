package no.dokumentdeling.input;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The query parameters of every request, before anything acts on them: at most {@code max-parameters} values, at
 * most {@code max-or-values} alternatives in one value, no NUL or other control character, and the paging
 * parameters whole numbers in range. Runs first, so no other interceptor or query sees an absurd request.
 */
@Component
@Interceptor
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SearchParameterLimitsInterceptor implements FhirInterceptor {

	/** Paging parameters: non-negative whole numbers; HAPI clamps {@code _count} to the page size itself. */
	private static final Set<String> COUNTS = Set.of("_count", "_offset", "_getpagesoffset");
	private static final Set<String> OFFSETS = Set.of("_offset", "_getpagesoffset");

	private final InputLimitsProperties limits;

	public SearchParameterLimitsInterceptor(InputLimitsProperties limits) {
		this.limits = limits;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1000)
	public void checkParameters(RequestDetails request) {
		Map<String, String[]> parameters = request.getParameters();
		int values = 0;
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			TextRules.requireText(name, "A parameter name");
			for (String value : parameter.getValue()) {
				values++;
				if (values > limits.maxParameters()) {
					throw new InvalidRequestException("A request may carry at most " + limits.maxParameters()
							+ " parameter values (dokumentdeling.input.max-parameters).");
				}
				TextRules.requireText(value, "The value of " + name);
				int alternatives = alternatives(value);
				if (alternatives > limits.maxOrValues()) {
					throw new InvalidRequestException("The value of " + name + " lists " + alternatives
							+ " alternatives; this server takes at most " + limits.maxOrValues()
							+ " (dokumentdeling.input.max-or-values).");
				}
				if (COUNTS.contains(name)) {
					checkCount(name, value);
				}
			}
		}
	}

	private void checkCount(String name, String value) {
		long number;
		try {
			number = Long.parseLong(value.trim());
		} catch (NumberFormatException e) {
			throw new InvalidRequestException(name + " must be a whole number, not '" + TextRules.shortened(value) + "'.");
		}
		if (number < 0) {
			throw new InvalidRequestException(name + " must not be negative.");
		}
		long max = OFFSETS.contains(name) ? limits.maxOffset() : Integer.MAX_VALUE;
		if (number > max) {
			throw new InvalidRequestException(name + " must be at most " + max + ".");
		}
	}

	/** Comma-separated alternatives; {@code \,} is a comma inside a value (FHIR search escaping). */
	static int alternatives(String value) {
		int count = 1;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\') {
				i++;
			} else if (c == ',') {
				count++;
			}
		}
		return count;
	}
}
