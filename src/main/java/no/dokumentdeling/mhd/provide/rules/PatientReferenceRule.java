package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import no.dokumentdeling.mhd.provide.PatientReferences;
import no.dokumentdeling.mhd.provide.RegistryLookup;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Each subject names a patient the registry can know: a Patient entry of the bundle, an existing
 * {@code Patient/{id}}, or a fødselsnummer / D-nummer whose two mod-11 check digits are right. National identifiers
 * on Patient entries are checked the same way.
 */
@Component
@Order(80)
public class PatientReferenceRule implements ProvideBundleRule {

	public static final String RULE = "patient-reference";

	private final RegistryLookup registry;

	public PatientReferenceRule(RegistryLookup registry) {
		this.registry = registry;
	}

	@Override
	public void check(ProvideBundle bundle) {
		for (Patient patient : bundle.patients()) {
			for (Identifier identifier : patient.getIdentifier()) {
				if (IdentifierSystems.isPersonIdentifier(identifier.getSystem())) {
					requireValid(identifier);
				}
			}
		}
		for (Reference subject : bundle.subjects()) {
			checkSubject(subject, bundle);
		}
	}

	private void checkSubject(Reference subject, ProvideBundle bundle) {
		if (PatientReferences.isLogical(subject)) {
			requireValid(subject.getIdentifier());
			return;
		}
		if (PatientReferences.bundleEntry(subject, bundle).isPresent()) {
			return;
		}
		String id = PatientReferences.storedPatientId(subject)
				.orElseThrow(() -> invalid(RULE, XdsErrorCode.XDSUnknownPatientId, "subject " + describe(subject)
						+ " is neither a Patient of this bundle, an existing Patient, nor a fødselsnummer/D-nummer"));
		if (registry.patient(id).isEmpty()) {
			throw invalid(RULE, XdsErrorCode.XDSUnknownPatientId, "subject Patient/" + id + " is not known to this registry");
		}
	}

	private static void requireValid(Identifier identifier) {
		if (!IdentifierSystems.isPersonIdentifier(identifier.getSystem())) {
			throw invalid(RULE, XdsErrorCode.XDSUnknownPatientId, "A logical patient reference must use the fødselsnummer ("
					+ IdentifierSystems.FODSELSNUMMER + ") or D-nummer (" + IdentifierSystems.D_NUMMER + ") system");
		}
		if (PersonIdentifier.parse(identifier.getSystem(), identifier.getValue()).isEmpty()) {
			throw invalid(RULE, XdsErrorCode.XDSUnknownPatientId,
					identifier.getValue() + " is not a valid " + (IdentifierSystems.D_NUMMER.equals(identifier.getSystem())
							? "D-nummer" : "fødselsnummer") + " (eleven digits, a date, two mod-11 check digits)");
		}
	}

	private static String describe(Reference subject) {
		return subject.hasReference() ? subject.getReference() : "(no reference)";
	}
}
