package no.dokumentdeling.mhd;

import java.util.Set;

/** Canonical URLs from IHE MHD 4.2 that the server recognises. */
public final class MhdProfiles {

	private static final String SD = "https://profiles.ihe.net/ITI/MHD/StructureDefinition/";

	public static final Set<String> PROVIDE_BUNDLE = Set.of(
			SD + "IHE.MHD.Minimal.ProvideBundle",
			SD + "IHE.MHD.Comprehensive.ProvideBundle",
			SD + "IHE.MHD.UnContained.Comprehensive.ProvideBundle");

	public static final String SOURCE_ID_EXTENSION = SD + "ihe-sourceId";
	public static final String DESIGNATION_TYPE_EXTENSION = SD + "ihe-designationType";

	public static final String LIST_TYPES = "https://profiles.ihe.net/ITI/MHD/CodeSystem/MHDlistTypes";
	public static final String SUBMISSION_SET = "submissionset";
	public static final String FOLDER = "folder";

	private MhdProfiles() {}
}
