package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import no.dokumentdeling.mhd.MhdProfiles;
import no.dokumentdeling.mhd.provide.MetadataOption;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ListResource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A SubmissionSet submitted under a Comprehensive option states its clinical kind: the {@code ihe-designationType}
 * extension (XDS contentTypeCode) with a coded valueCodeableConcept, 1..1 in
 * IHE.MHD.UnContained.Comprehensive.SubmissionSet. Its subject {@link SubmissionSetRule} asks of every submission.
 */
@Component
@Order(32)
public class ComprehensiveSubmissionSetRule implements ProvideBundleRule {

	public static final String RULE = "comprehensive-submission-set";

	@Override
	public void check(ProvideBundle bundle) {
		for (ListResource submissionSet : bundle.submissionSets()) {
			if (!MetadataOption.of(submissionSet, bundle).comprehensive()) {
				continue;
			}
			var designations = submissionSet.getExtensionsByUrl(MhdProfiles.DESIGNATION_TYPE_EXTENSION);
			if (designations.size() != 1 || !(designations.get(0).getValue() instanceof CodeableConcept concept)
					|| concept.getCoding().stream().noneMatch(c -> c.hasSystem() && c.hasCode())) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "A Comprehensive SubmissionSet (IHE MHD) needs "
						+ "exactly one extension " + MhdProfiles.DESIGNATION_TYPE_EXTENSION
						+ " with a coded valueCodeableConcept (its contentTypeCode)");
			}
		}
	}
}
