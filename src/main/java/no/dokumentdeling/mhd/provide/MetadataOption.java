package no.dokumentdeling.mhd.provide;

import java.util.Arrays;
import java.util.List;
import no.dokumentdeling.mhd.MhdProfiles;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Resource;

/**
 * How much metadata an ITI-65 submission promises, by the profiles it declares (IHE MHD 4.2, 2:3.65.4.1.2): the
 * Minimal option asks for what a registry entry cannot do without; UnContained Comprehensive adds the whole XDS
 * metadata set; Comprehensive adds that author, authenticator, sourcePatientInfo and the SubmissionSet's source are
 * contained in the resource that names them. Declaring several means the strictest.
 */
public enum MetadataOption {
	MINIMAL,
	UNCONTAINED_COMPREHENSIVE,
	COMPREHENSIVE;

	/** The option the bundle declares in {@code Bundle.meta.profile}. */
	public static MetadataOption declaredBy(ProvideBundle bundle) {
		return strictest(bundle.bundle().getMeta().getProfile(), MINIMAL);
	}

	/**
	 * The option a resource of the bundle must meet: the bundle's, or a stricter one the resource declares for itself
	 * (a Comprehensive DocumentReference in a Minimal bundle is still held to Comprehensive).
	 */
	public static MetadataOption of(Resource resource, ProvideBundle bundle) {
		return strictest(resource.getMeta().getProfile(), declaredBy(bundle));
	}

	public boolean comprehensive() {
		return this != MINIMAL;
	}

	public boolean contained() {
		return this == COMPREHENSIVE;
	}

	private static MetadataOption strictest(List<CanonicalType> profiles, MetadataOption floor) {
		return Arrays.stream(values())
				.filter(option -> option.ordinal() >= floor.ordinal())
				.filter(option -> option == floor || profiles.stream().anyMatch(p -> option.declaredIn(p.getValueAsString())))
				.reduce((weaker, stricter) -> stricter)
				.orElse(floor);
	}

	private boolean declaredIn(String profile) {
		return switch (this) {
			case MINIMAL -> MhdProfiles.MINIMAL_PROVIDE_BUNDLE.equals(profile);
			case UNCONTAINED_COMPREHENSIVE -> MhdProfiles.UNCONTAINED_PROVIDE_BUNDLE.equals(profile)
					|| MhdProfiles.UNCONTAINED_RESOURCES.contains(profile);
			case COMPREHENSIVE -> MhdProfiles.COMPREHENSIVE_PROVIDE_BUNDLE.equals(profile)
					|| MhdProfiles.COMPREHENSIVE_RESOURCES.contains(profile);
		};
	}
}
