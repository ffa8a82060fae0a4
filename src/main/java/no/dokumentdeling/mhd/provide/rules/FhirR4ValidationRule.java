package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import java.util.stream.Collectors;
import no.dokumentdeling.mhd.provide.FhirR4Validation;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The second line behind the MHD rules: the bundle and its resources are valid FHIR R4 (cardinalities, invariants,
 * required bindings of the core definitions), as the registry stores them. Runs last, so a bundle that breaks an
 * MHD rule is answered with that rule and its own XDS code.
 */
@Component
@ConditionalOnProperty(name = FhirR4Validation.ENABLED, havingValue = "true", matchIfMissing = true)
@Order(200)
public class FhirR4ValidationRule implements ProvideBundleRule {

	public static final String RULE = "fhir-r4-validation";
	private static final int REPORTED = 5;

	private final FhirR4Validation validation;

	public FhirR4ValidationRule(FhirR4Validation validation) {
		this.validation = validation;
	}

	@Override
	public void check(ProvideBundle bundle) {
		List<SingleValidationMessage> errors = validation.errors(bundle.bundle());
		if (!errors.isEmpty()) {
			String shown = errors.stream().limit(REPORTED)
					.map(e -> e.getLocationString() + ": " + e.getMessage())
					.collect(Collectors.joining("; "));
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "The bundle is not valid FHIR R4 ("
					+ errors.size() + (errors.size() == 1 ? " error" : " errors") + "): " + shown);
		}
	}
}
