package no.dokumentdeling.mhd.provide;

/**
 * One rule an ITI-65 Provide Document Bundle must satisfy. A rule reads the bundle (and, where it must, the
 * registry) and throws {@link ProvideBundleRejection} on the first violation. Rules run in {@code @Order}, so a
 * later rule may rely on the structure an earlier one checked.
 */
public interface ProvideBundleRule {

	void check(ProvideBundle bundle);
}
