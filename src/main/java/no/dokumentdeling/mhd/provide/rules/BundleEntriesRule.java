package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;
import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.conflict;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Every entry is something ITI-65 may carry: a new List, DocumentReference or Binary (POST, with a fullUrl so
 * the others can point at it), a Patient (POST or PUT), or a PATCH of a DocumentReference. Nothing else rides
 * along in a document submission.
 */
@Component
@Order(20)
public class BundleEntriesRule implements ProvideBundleRule {

	public static final String RULE = "bundle-entries";

	@Override
	public void check(ProvideBundle bundle) {
		if (bundle.entries().isEmpty()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, "The bundle has no entries");
		}
		for (int i = 0; i < bundle.entries().size(); i++) {
			checkEntry(i, bundle.entries().get(i));
		}
	}

	private static void checkEntry(int index, BundleEntryComponent entry) {
		String where = "Bundle.entry[" + index + "]";
		if (!entry.hasResource() || !entry.hasRequest() || entry.getRequest().getMethod() == null) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, where + " needs a resource and a request.method");
		}
		Resource resource = entry.getResource();
		HTTPVerb method = entry.getRequest().getMethod();
		boolean allowed = switch (method) {
			case POST -> resource instanceof ListResource || resource instanceof DocumentReference
					|| resource instanceof Binary || resource instanceof Patient;
			case PUT -> resource instanceof Patient;
			case PATCH -> resource instanceof Parameters && entry.getRequest().getUrl() != null
					&& entry.getRequest().getUrl().startsWith("DocumentReference");
			default -> false;
		};
		if (!allowed) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, where + ": " + method + " of "
					+ resource.fhirType() + " is not part of an ITI-65 Provide Document Bundle");
		}
		if (method == HTTPVerb.POST && !(resource instanceof Patient) && !entry.hasFullUrl()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, where + " (" + resource.fhirType()
					+ ") needs a fullUrl so the bundle can refer to it");
		}
	}
}
