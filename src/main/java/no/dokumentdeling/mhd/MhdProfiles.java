package no.dokumentdeling.mhd;

import java.util.Set;

/** Canonical URLs from IHE MHD 4.2 that the server recognises. */
public final class MhdProfiles {

	private static final String SD = "https://profiles.ihe.net/ITI/MHD/StructureDefinition/";

	public static final String MINIMAL_PROVIDE_BUNDLE = SD + "IHE.MHD.Minimal.ProvideBundle";
	public static final String COMPREHENSIVE_PROVIDE_BUNDLE = SD + "IHE.MHD.Comprehensive.ProvideBundle";
	public static final String UNCONTAINED_PROVIDE_BUNDLE = SD + "IHE.MHD.UnContained.Comprehensive.ProvideBundle";

	public static final Set<String> PROVIDE_BUNDLE =
			Set.of(MINIMAL_PROVIDE_BUNDLE, COMPREHENSIVE_PROVIDE_BUNDLE, UNCONTAINED_PROVIDE_BUNDLE);

	/** The Comprehensive profiles of the resources a bundle carries, with contained references (XDS-on-FHIR). */
	public static final Set<String> COMPREHENSIVE_RESOURCES = Set.of(
			SD + "IHE.MHD.Comprehensive.DocumentReference", SD + "IHE.MHD.Comprehensive.SubmissionSet");

	/** The Comprehensive profiles of the resources a bundle carries that allow references to stored resources. */
	public static final Set<String> UNCONTAINED_RESOURCES = Set.of(
			SD + "IHE.MHD.UnContained.Comprehensive.DocumentReference", SD + "IHE.MHD.UnContained.Comprehensive.SubmissionSet");

	public static final String SOURCE_ID_EXTENSION = SD + "ihe-sourceId";
	public static final String DESIGNATION_TYPE_EXTENSION = SD + "ihe-designationType";

	public static final String LIST_TYPES = "https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes";
	public static final String SUBMISSION_SET = "submissionset";
	public static final String FOLDER = "folder";

	private MhdProfiles() {}
}
