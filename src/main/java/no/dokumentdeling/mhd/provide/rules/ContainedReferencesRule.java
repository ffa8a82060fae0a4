package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Set;
import java.util.stream.Collectors;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every local reference ({@code #id}) in a resource of the bundle names a resource contained in it: a
 * {@code context.sourcePatientInfo} of {@code #sourcePatient} without a contained {@code sourcePatient} would
 * register a document whose source patient nobody can read. A bare {@code #} (the container itself) is allowed.
 */
@Component
@Order(35)
public class ContainedReferencesRule implements ProvideBundleRule {

	public static final String RULE = "contained-references";

	private final FhirTerser terser;

	public ContainedReferencesRule(FhirContext fhirContext) {
		this.terser = fhirContext.newTerser();
	}

	@Override
	public void check(ProvideBundle bundle) {
		for (BundleEntryComponent entry : bundle.entries()) {
			// Binary is no DomainResource: its bytes are never walked.
			if (entry.getResource() instanceof DomainResource resource) {
				check(resource);
			}
		}
	}

	private void check(DomainResource resource) {
		Set<String> contained = resource.getContained().stream()
				.map(Resource::getIdElement)
				.map(id -> id.getIdPart() == null ? "" : id.getIdPart().replaceFirst("^#", ""))
				.collect(Collectors.toSet());
		for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
			String target = reference.getReference();
			if (target != null && target.startsWith("#") && target.length() > 1 && !contained.contains(target.substring(1))) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, resource.fhirType() + " refers to " + target
						+ ", but contains no resource with id '" + target.substring(1) + "'");
			}
		}
	}
}
