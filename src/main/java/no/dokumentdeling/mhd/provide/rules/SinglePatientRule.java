package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import java.util.LinkedHashSet;
import java.util.Set;
import no.dokumentdeling.mhd.provide.PatientReferences;
import org.hl7.fhir.r4.model.Reference;

/** Every subject of the bundle (DocumentReferences, SubmissionSet, Folders) is the same patient. */
@Component
@Order(90)
public class SinglePatientRule implements ProvideBundleRule {

	public static final String RULE = "single-patient";

	private final PatientReferences patients;

	public SinglePatientRule(PatientReferences patients) {
		this.patients = patients;
	}

	@Override
	public void check(ProvideBundle bundle) {
		Set<String> distinct = new LinkedHashSet<>();
		for (Reference subject : bundle.subjects()) {
			distinct.add(patients.sameness(subject, bundle));
		}
		if (distinct.size() > 1) {
			throw invalid(RULE, XdsErrorCode.XDSPatientIdDoesNotMatch,
					"All subjects of an ITI-65 bundle must be the same patient; found " + distinct.size() + " different");
		}
	}
}
