package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import java.util.HashSet;
import java.util.Set;
import no.dokumentdeling.mhd.provide.RegistryLookup;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Identifier;

/** A document's unique id (masterIdentifier) is never used twice: not within the bundle, not in the registry. */
@Component
@Order(100)
public class UniqueIdRule implements ProvideBundleRule {

	public static final String RULE = "unique-id";

	private final RegistryLookup registry;

	public UniqueIdRule(RegistryLookup registry) {
		this.registry = registry;
	}

	@Override
	public void check(ProvideBundle bundle) {
		Set<String> seen = new HashSet<>();
		for (DocumentReference document : bundle.documentReferences()) {
			Identifier id = document.getMasterIdentifier();
			if (!seen.add(id.getSystem() + "|" + id.getValue())) {
				throw invalid(RULE, XdsErrorCode.XDSDuplicateUniqueIdInRegistry,
						"masterIdentifier " + id.getValue() + " appears twice in the bundle");
			}
			if (!registry.documentReferencesByIdentifier(id.getSystem(), id.getValue()).isEmpty()) {
				throw conflict(RULE, XdsErrorCode.XDSDuplicateUniqueIdInRegistry,
						"masterIdentifier " + id.getValue() + " is already registered");
			}
		}
	}
}
