package no.dokumentdeling.mhd.provide;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DocumentReference.DocumentReferenceRelatesToComponent;
import org.hl7.fhir.r4.model.DocumentReference.DocumentRelationshipType;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Finds the registered documents an ITI-65 bundle relates to. A {@code replaces} target must exist, be
 * {@code current}, belong to the same patient and be replaced only once; the bundle's PATCH entries may do nothing
 * but mark those targets {@code superseded}. Targets of {@code transforms}, {@code appends} and {@code signs} must
 * exist.
 */
@Component
public class Replacements {

	public static final String RULE = "replacement";

	private final RegistryLookup registry;
	private final PatientReferences patients;

	public Replacements(RegistryLookup registry, PatientReferences patients) {
		this.registry = registry;
		this.patients = patients;
	}

	/** A registered document a new one replaces, and the bundle's PATCH entry for it if the source sent one. */
	public record Replacement(DocumentReference target, Optional<BundleEntryComponent> patch) {}

	/** Every relatesTo target of the bundle, resolved, keyed by the relatesTo element that named it. */
	public Map<DocumentReferenceRelatesToComponent, DocumentReference> resolveTargets(ProvideBundle bundle) {
		Map<DocumentReferenceRelatesToComponent, DocumentReference> targets = new HashMap<>();
		for (DocumentReference document : bundle.documentReferences()) {
			for (DocumentReferenceRelatesToComponent relation : document.getRelatesTo()) {
				DocumentReference target = resolve(relation.getTarget(), bundle)
						.orElseThrow(() -> invalid(RULE, XdsErrorCode.UnresolvedReferenceException,
								"relatesTo (" + relation.getCode() + ") target " + describe(relation.getTarget())
										+ " is not a registered document"));
				targets.put(relation, target);
			}
		}
		return targets;
	}

	/** The replacements of the bundle, checked. */
	public List<Replacement> replacements(ProvideBundle bundle) {
		Map<DocumentReferenceRelatesToComponent, DocumentReference> targets = resolveTargets(bundle);
		Map<String, DocumentReference> replaced = new HashMap<>();
		for (DocumentReference document : bundle.documentReferences()) {
			for (DocumentReferenceRelatesToComponent relation : document.getRelatesTo()) {
				if (relation.getCode() != DocumentRelationshipType.REPLACES) {
					continue;
				}
				DocumentReference target = targets.get(relation);
				String id = target.getIdElement().getIdPart();
				if (target.getStatus() != DocumentReferenceStatus.CURRENT) {
					throw conflict(RULE, XdsErrorCode.XDSRegistryMetadataError,
							"DocumentReference/" + id + " is " + target.getStatus().toCode() + " and cannot be replaced");
				}
				if (replaced.put(id, target) != null) {
					throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
							"DocumentReference/" + id + " is replaced twice in one bundle");
				}
				if (!patients.sameness(document.getSubject(), bundle).equals(patients.sameness(target.getSubject(), bundle))) {
					throw invalid(RULE, XdsErrorCode.XDSPatientIdDoesNotMatch,
							"A replacement must be for the same patient as the document it replaces");
				}
			}
		}
		Map<String, BundleEntryComponent> patches = new HashMap<>();
		for (BundleEntryComponent patch : bundle.patchEntries()) {
			DocumentReference target = patchTarget(patch.getRequest().getUrl());
			String id = target.getIdElement().getIdPart();
			if (!replaced.containsKey(id)) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
						"A PATCH in ITI-65 may only supersede a document this bundle replaces; DocumentReference/" + id + " is not");
			}
			if (!isSupersedePatch((Parameters) patch.getResource())) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError,
						"The PATCH of DocumentReference/" + id + " may only replace DocumentReference.status with 'superseded'");
			}
			patches.put(id, patch);
		}
		List<Replacement> result = new ArrayList<>();
		replaced.forEach((id, target) -> result.add(new Replacement(target, Optional.ofNullable(patches.get(id)))));
		return result;
	}

	private Optional<DocumentReference> resolve(Reference target, ProvideBundle bundle) {
		if (target.hasReference()) {
			if (bundle.entryByFullUrl(target.getReference()).isPresent()) {
				return Optional.empty(); // a document cannot relate to one published in the same submission
			}
			var id = target.getReferenceElement();
			return "DocumentReference".equals(id.getResourceType()) ? registry.documentReference(id.getIdPart()) : Optional.empty();
		}
		if (target.hasIdentifier()) {
			return single(registry.documentReferencesByIdentifier(
					target.getIdentifier().getSystem(), target.getIdentifier().getValue()));
		}
		return Optional.empty();
	}

	private DocumentReference patchTarget(String url) {
		Optional<DocumentReference> target = Optional.empty();
		if (url.startsWith("DocumentReference/")) {
			target = registry.documentReference(url.substring("DocumentReference/".length()));
		} else if (url.startsWith("DocumentReference?identifier=") && !url.contains("&")) {
			String token = java.net.URLDecoder.decode(url.substring("DocumentReference?identifier=".length()),
					java.nio.charset.StandardCharsets.UTF_8);
			int bar = token.indexOf('|');
			target = bar < 0
					? single(registry.documentReferencesByIdentifier(null, token))
					: single(registry.documentReferencesByIdentifier(token.substring(0, bar), token.substring(bar + 1)));
		}
		return target.orElseThrow(() -> invalid(RULE, XdsErrorCode.UnresolvedReferenceException,
				"PATCH " + url + " does not name exactly one registered DocumentReference"));
	}

	private static boolean isSupersedePatch(Parameters parameters) {
		if (parameters.getParameter().size() != 1) {
			return false;
		}
		ParametersParameterComponent operation = parameters.getParameterFirstRep();
		if (!"operation".equals(operation.getName())) {
			return false;
		}
		Map<String, String> parts = new HashMap<>();
		for (ParametersParameterComponent part : operation.getPart()) {
			if (part.getValue() instanceof PrimitiveType<?> value) {
				parts.put(part.getName(), value.getValueAsString());
			}
		}
		return parts.size() == operation.getPart().size()
				&& "replace".equals(parts.get("type"))
				&& "DocumentReference.status".equals(parts.get("path"))
				&& "superseded".equals(parts.get("value"))
				&& parts.size() == 3;
	}

	private static <T> Optional<T> single(List<T> found) {
		return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
	}

	private static String describe(Reference target) {
		if (target.hasReference()) return target.getReference();
		if (target.hasIdentifier()) return target.getIdentifier().getSystem() + "|" + target.getIdentifier().getValue();
		return "(empty)";
	}
}
