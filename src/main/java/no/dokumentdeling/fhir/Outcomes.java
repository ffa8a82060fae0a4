package no.dokumentdeling.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;

/** OperationOutcomes for answers given outside HAPI's own exception handling. */
final class Outcomes {

	static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";

	static OperationOutcome error(OperationOutcome.IssueType code, String diagnostics) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(diagnostics);
		return outcome;
	}

	private Outcomes() {}
}
