package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import no.dokumentdeling.mhd.MhdProfiles;
import org.hl7.fhir.r4.model.Bundle.BundleType;

/** A Provide Document Bundle is a transaction that declares one of the three MHD ProvideBundle profiles. */
@Component
@Order(10)
public class ProvideBundleProfileRule implements ProvideBundleRule {

	public static final String RULE = "provide-bundle-profile";

	@Override
	public void check(ProvideBundle bundle) {
		if (bundle.bundle().getType() != BundleType.TRANSACTION) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
					"Bundle.type must be 'transaction' for ITI-65 (was " + bundle.bundle().getType() + ")");
		}
		boolean declared = bundle.bundle().getMeta().getProfile().stream()
				.anyMatch(p -> MhdProfiles.PROVIDE_BUNDLE.contains(p.getValueAsString()));
		if (!declared) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
					"Bundle.meta.profile must name an IHE MHD ProvideBundle profile: " + MhdProfiles.PROVIDE_BUNDLE);
		}
	}
}
