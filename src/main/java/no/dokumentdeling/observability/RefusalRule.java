package no.dokumentdeling.observability;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dokumentdeling.fhir.EarlyRefusal;
import no.dokumentdeling.mhd.provide.ProvideBundleRejection;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The rule a refusal names, as a short code for logs and metric labels, never the refusal's text (which may quote
 * what the client sent, a fødselsnummer included).
 */
final class RefusalRule {

	/** Our own rules lead their message with their code, e.g. {@code [patient-identifier] ...}. */
	private static final Pattern LEADING_CODE = Pattern.compile("^\\[([a-z0-9-]{1,60})]");
	private static final Pattern HAPI_CODE = Pattern.compile("^(HAPI-\\d{4})");
	private static final Pattern ERROR_CODE = Pattern.compile("^([a-z_]{1,40}):");

	/** The ITI-65 rule in the answer's OperationOutcome ({@code issue.details.coding} of the iti65-rule system). */
	static Optional<String> iti65Rule(BaseServerResponseException exception) {
		if (!(exception.getOperationOutcome() instanceof OperationOutcome outcome)) {
			return Optional.empty();
		}
		return outcome.getIssue().stream()
				.flatMap(issue -> issue.getDetails().getCoding().stream())
				.filter(coding -> ProvideBundleRejection.RULE_SYSTEM.equals(coding.getSystem()))
				.map(Coding::getCode)
				.findFirst();
	}

	static String of(BaseServerResponseException exception) {
		return iti65Rule(exception)
				.or(() -> leading(LEADING_CODE, exception.getMessage()))
				.or(() -> leading(HAPI_CODE, exception.getMessage()))
				.orElseGet(() -> exception.getClass().getSimpleName().replaceFirst("Exception$", ""));
	}

	/** A refusal a servlet filter made: the error code of a credentials refusal, else the status's own name. */
	static String of(EarlyRefusal refusal) {
		return leading(ERROR_CODE, refusal.reason())
				.orElse(refusal.status() == 413 ? "max-upload-size" : "refused-before-fhir");
	}

	private static Optional<String> leading(Pattern pattern, String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
	}

	private RefusalRule() {}
}
