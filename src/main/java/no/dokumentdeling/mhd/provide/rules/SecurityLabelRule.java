package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import no.dokumentdeling.norway.SecurityLabelCodes;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;

/**
 * Security labels, when present, are Volven 9603 codes (sperring and nekting) or HL7 confidentiality codes; an
 * unknown label could hide a document from, or show it to, the wrong reader.
 */
@Component
@Order(70)
public class SecurityLabelRule implements ProvideBundleRule {

	public static final String RULE = "security-label";

	private final SecurityLabelCodes codes;

	public SecurityLabelRule(SecurityLabelCodes codes) {
		this.codes = codes;
	}

	@Override
	public void check(ProvideBundle bundle) {
		for (DocumentReference document : bundle.documentReferences()) {
			for (var label : document.getSecurityLabel()) {
				for (Coding coding : label.getCoding()) {
					if (!codes.isKnown(coding.getSystem(), coding.getCode())) {
						throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, document.getMasterIdentifier().getValue()
								+ ": security label " + coding.getSystem() + "|" + coding.getCode()
								+ " is neither Volven 9603 nor HL7 confidentiality");
					}
				}
			}
		}
	}
}
