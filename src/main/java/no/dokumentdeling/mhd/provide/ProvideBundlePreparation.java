package no.dokumentdeling.mhd.provide;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.dokumentdeling.federation.RepositoryDocument;
import no.dokumentdeling.mhd.find.PatientResolver;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Turns a checked ITI-65 bundle into the transaction HAPI stores, adding only entries that {@link
 * ProvideDocumentBundleProvider} later drops from the response:
 * <ul>
 *   <li>a logical patient reference (fødselsnummer / D-nummer) becomes a reference to the Patient with that
 *       identifier: {@code Patient/{id}} when it is stored (found through {@link PatientResolver}, so HAPI need not
 *       match and read it again), else a Patient created with just the identifier (a conditional create in the same
 *       transaction, which still finds one stored meanwhile);
 *   <li>relatesTo targets given by identifier become literal references, so they can be searched and followed;
 *   <li>a document published by reference gets a Binary without bytes that stands for it ({@link
 *       RepositoryDocument}), and its attachment points there;
 *   <li>each replaced document gets exactly one PATCH to {@code superseded}, pinned to the version that was checked,
 *       so two concurrent replacements of one document cannot both succeed.
 * </ul>
 */
@Component
public class ProvideBundlePreparation {

	private final Replacements replacements;
	private final PatientResolver patients;

	public ProvideBundlePreparation(Replacements replacements, PatientResolver patients) {
		this.replacements = replacements;
		this.patients = patients;
	}

	public void prepare(ProvideBundle bundle) {
		// The visibility windows count from DocumentReference.date; one the source left out is the time of publishing.
		bundle.documentReferences().stream().filter(d -> !d.hasDate()).forEach(d -> d.setDate(new java.util.Date()));
		standInForReferencedDocuments(bundle);
		resolveRelatesToTargets(bundle);
		pinReplacements(bundle);
		resolveLogicalPatients(bundle);
	}

	/**
	 * A document published by reference gets a Binary that stands for it ({@link RepositoryDocument}); the
	 * DocumentReference points at that Binary, so what is stored and shown is this server's own ITI-68 URL.
	 */
	private static void standInForReferencedDocuments(ProvideBundle bundle) {
		List<Attachment> references = bundle.documentReferences().stream()
				.flatMap(d -> d.getContent().stream())
				.map(c -> c.getAttachment())
				.filter(bundle::isRepositoryReference)
				.toList();
		for (Attachment attachment : references) {
			String fullUrl = "urn:uuid:" + UUID.randomUUID();
			bundle.bundle().addEntry().setFullUrl(fullUrl).setResource(RepositoryDocument.placeholder(attachment))
					.getRequest().setMethod(HTTPVerb.POST).setUrl("Binary");
			attachment.setUrl(fullUrl);
		}
	}

	private void resolveRelatesToTargets(ProvideBundle bundle) {
		replacements.resolveTargets(bundle).forEach((relation, target) -> {
			Reference reference = relation.getTarget();
			reference.setReference("DocumentReference/" + target.getIdElement().getIdPart());
		});
	}

	private void pinReplacements(ProvideBundle bundle) {
		for (Replacements.Replacement replacement : replacements.replacements(bundle)) {
			BundleEntryComponent patch = replacement.patch().orElseGet(() -> bundle.bundle().addEntry()
					.setFullUrl("urn:uuid:" + UUID.randomUUID())
					.setResource(supersedePatch()));
			var target = replacement.target().getIdElement();
			patch.getRequest()
					.setMethod(HTTPVerb.PATCH)
					.setUrl("DocumentReference/" + target.getIdPart())
					.setIfMatch("W/\"" + target.getVersionIdPart() + "\"");
		}
	}

	private void resolveLogicalPatients(ProvideBundle bundle) {
		Map<String, String> patientUrls = new HashMap<>();
		for (Reference subject : bundle.subjects()) {
			if (!PatientReferences.isLogical(subject)) {
				continue;
			}
			Identifier identifier = subject.getIdentifier();
			String token = identifier.getSystem() + "|" + identifier.getValue();
			String fullUrl = patientUrls.computeIfAbsent(token, t -> {
				List<String> stored = patients.stored(t);
				if (stored.size() == 1) {
					return stored.get(0);
				}
				String url = "urn:uuid:" + UUID.randomUUID();
				Patient patient = new Patient();
				patient.addIdentifier().setSystem(identifier.getSystem()).setValue(identifier.getValue());
				bundle.bundle().addEntry().setFullUrl(url).setResource(patient).getRequest()
						.setMethod(HTTPVerb.POST)
						.setUrl("Patient")
						.setIfNoneExist("identifier=" + t);
				return url;
			});
			subject.setReference(fullUrl);
		}
	}

	private static Parameters supersedePatch() {
		Parameters patch = new Parameters();
		var operation = patch.addParameter().setName("operation");
		operation.addPart().setName("type").setValue(new CodeType("replace"));
		operation.addPart().setName("path").setValue(new StringType("DocumentReference.status"));
		operation.addPart().setName("value").setValue(new CodeType("superseded"));
		return patch;
	}
}
