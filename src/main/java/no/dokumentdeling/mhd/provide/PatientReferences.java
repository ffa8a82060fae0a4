package no.dokumentdeling.mhd.provide;

import java.util.Optional;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The three ways an ITI-65 subject may name its patient: a Patient entry of the bundle (by fullUrl), an existing
 * {@code Patient/{id}}, or a logical reference by fødselsnummer / D-nummer in {@code subject.identifier}.
 */
@Component
public class PatientReferences {

	private final RegistryLookup registry;

	public PatientReferences(RegistryLookup registry) {
		this.registry = registry;
	}

	/** The subject is a logical reference only: an identifier and no literal reference. */
	public static boolean isLogical(Reference subject) {
		return !subject.hasReference() && subject.hasIdentifier();
	}

	/** The Patient entry of the bundle the subject points at, if it points into the bundle. */
	public static Optional<BundleEntryComponent> bundleEntry(Reference subject, ProvideBundle bundle) {
		return bundle.entryByFullUrl(subject.getReference()).filter(e -> e.getResource() instanceof Patient);
	}

	/** {@code Patient/{id}} for a literal reference to a stored patient (relative or absolute URL). */
	public static Optional<String> storedPatientId(Reference subject) {
		if (!subject.hasReference() || subject.getReference().startsWith("urn:")) {
			return Optional.empty();
		}
		var id = subject.getReferenceElement();
		if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
			return Optional.empty();
		}
		return Optional.of(id.getIdPart());
	}

	/**
	 * A key equal for two subjects that certainly name the same patient: the national identifier where one is
	 * known, else the reference itself.
	 */
	public String sameness(Reference subject, ProvideBundle bundle) {
		if (isLogical(subject)) {
			return key(subject.getIdentifier());
		}
		Optional<BundleEntryComponent> entry = bundleEntry(subject, bundle);
		if (entry.isPresent()) {
			return nationalIdentifier((Patient) entry.get().getResource()).map(PatientReferences::key)
					.orElse(subject.getReference());
		}
		Optional<String> stored = storedPatientId(subject);
		if (stored.isPresent()) {
			return registry.patient(stored.get()).flatMap(PatientReferences::nationalIdentifier)
					.map(PatientReferences::key)
					.orElse("Patient/" + stored.get());
		}
		return String.valueOf(subject.getReference());
	}

	static Optional<Identifier> nationalIdentifier(Patient patient) {
		return patient.getIdentifier().stream()
				.filter(i -> IdentifierSystems.isPersonIdentifier(i.getSystem()))
				.findFirst();
	}

	private static String key(Identifier identifier) {
		return identifier.getSystem() + "|" + identifier.getValue();
	}
}
