package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import java.util.List;
import no.dokumentdeling.mhd.provide.MetadataOption;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Under the Comprehensive option (not UnContained), the people and the source patient a submission names travel
 * with it, contained: DocumentReference.author, .authenticator and .context.sourcePatientInfo, and the
 * SubmissionSet's source (aggregation {@code contained} in IHE.MHD.Comprehensive.DocumentReference / SubmissionSet),
 * so the registry keeps them as they were when the document was written. sourcePatientInfo is a Patient.
 * That each {@code #id} exists is {@link ContainedReferencesRule}'s.
 */
@Component
@Order(42)
public class ComprehensiveContainedRule implements ProvideBundleRule {

	public static final String RULE = "comprehensive-contained";

	@Override
	public void check(ProvideBundle bundle) {
		for (DocumentReference document : bundle.documentReferences()) {
			if (!MetadataOption.of(document, bundle).contained()) {
				continue;
			}
			document.getAuthor().forEach(author -> requireContained(document, author, "author"));
			if (document.hasAuthenticator()) {
				requireContained(document, document.getAuthenticator(), "authenticator");
			}
			Reference sourcePatient = document.getContext().getSourcePatientInfo();
			if (document.getContext().hasSourcePatientInfo()) {
				requireContained(document, sourcePatient, "context.sourcePatientInfo");
				if (!(containedTarget(document, sourcePatient) instanceof Patient)) {
					throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
							"DocumentReference.context.sourcePatientInfo must name a contained Patient");
				}
			}
		}
		for (ListResource submissionSet : bundle.submissionSets()) {
			if (MetadataOption.of(submissionSet, bundle).contained() && submissionSet.hasSource()) {
				requireContained(submissionSet, submissionSet.getSource(), "source");
			}
		}
	}

	private static void requireContained(DomainResource resource, Reference reference, String element) {
		if (containedTarget(resource, reference) == null) {
			String kind = resource instanceof ListResource ? "SubmissionSet" : resource.fhirType();
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, kind + "." + element + " must be a contained "
					+ "resource (#id) under the Comprehensive option; use IHE.MHD.UnContained.Comprehensive.ProvideBundle "
					+ "to refer to stored resources (was " + describe(reference) + ")");
		}
	}

	private static Resource containedTarget(DomainResource resource, Reference reference) {
		String target = reference.getReference();
		if (target == null || !target.startsWith("#") || target.length() < 2) {
			return null;
		}
		String id = target.substring(1);
		List<Resource> contained = resource.getContained();
		return contained.stream()
				.filter(r -> id.equals(r.getIdElement().getIdPart()) || ("#" + id).equals(r.getIdElement().getIdPart()))
				.findFirst()
				.orElse(null);
	}

	private static String describe(Reference reference) {
		if (reference.hasReference()) {
			return reference.getReference();
		}
		return reference.hasIdentifier() ? "identifier " + reference.getIdentifier().getValue() : "empty";
	}
}
