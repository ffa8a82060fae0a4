package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * An ITI-65 submission broke a rule. The answer names the rule (code system {@link #RULE_SYSTEM}) and the XDS
 * error code, and nothing of the bundle is stored.
 */
public class ProvideBundleRejection extends BaseServerResponseException {

	public static final String RULE_SYSTEM = "https://dokumentdeling.no/fhir/CodeSystem/iti65-rule";

	private final String rule;
	private final XdsErrorCode xdsErrorCode;

	public ProvideBundleRejection(int status, String rule, XdsErrorCode xdsErrorCode, String message) {
		super(status, "[" + rule + "] " + message, outcome(rule, xdsErrorCode, message, status));
		this.rule = rule;
		this.xdsErrorCode = xdsErrorCode;
	}

	/** 422: the bundle is well-formed FHIR but breaks an MHD or national rule. */
	public static ProvideBundleRejection invalid(String rule, XdsErrorCode code, String message) {
		return new ProvideBundleRejection(422, rule, code, message);
	}

	/** 409: the bundle conflicts with what the registry already holds. */
	public static ProvideBundleRejection conflict(String rule, XdsErrorCode code, String message) {
		return new ProvideBundleRejection(409, rule, code, message);
	}

	public String rule() {
		return rule;
	}

	public XdsErrorCode xdsErrorCode() {
		return xdsErrorCode;
	}

	private static OperationOutcome outcome(String rule, XdsErrorCode code, String message, int status) {
		OperationOutcome outcome = new OperationOutcome();
		CodeableConcept details = new CodeableConcept();
		details.addCoding().setSystem(XdsErrorCode.SYSTEM).setCode(code.name());
		details.addCoding().setSystem(RULE_SYSTEM).setCode(rule);
		details.setText(message);
		outcome.addIssue()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(status == 409 ? IssueType.CONFLICT : IssueType.BUSINESSRULE)
				.setDetails(details)
				.setDiagnostics("[" + rule + "] " + message);
		return outcome;
	}
}
