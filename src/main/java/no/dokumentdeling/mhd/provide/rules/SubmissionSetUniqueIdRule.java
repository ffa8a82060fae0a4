package no.dokumentdeling.mhd.provide.rules;

import static no.dokumentdeling.mhd.provide.ProvideBundleRejection.invalid;

import java.util.List;
import java.util.regex.Pattern;
import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.XdsErrorCode;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.ListResource;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The SubmissionSet, and each Folder, carries its XDS uniqueId: exactly one {@code identifier} with
 * {@code use=usual}, system {@code urn:ietf:rfc:3986} and an OID value ({@code urn:oid:...}), as IHE.MHD.List and
 * IHE.MHD.SubmissionSetUniqueIdIdentifier ask. Any entryUUID ({@code use=official}) is a {@code urn:uuid:}.
 */
@Component
@Order(31)
public class SubmissionSetUniqueIdRule implements ProvideBundleRule {

	public static final String RULE = "submission-set-unique-id";

	static final String URI_SYSTEM = "urn:ietf:rfc:3986";
	private static final Pattern OID_URN = Pattern.compile("urn:oid:[0-2](\\.(0|[1-9][0-9]*))+");
	private static final Pattern UUID_URN =
			Pattern.compile("urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	@Override
	public void check(ProvideBundle bundle) {
		bundle.submissionSets().forEach(list -> check(list, "SubmissionSet"));
		bundle.folders().forEach(list -> check(list, "Folder"));
	}

	private static void check(ListResource list, String kind) {
		List<Identifier> uniqueIds = list.getIdentifier().stream().filter(i -> i.getUse() == IdentifierUse.USUAL).toList();
		if (uniqueIds.size() != 1) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, kind + " needs exactly one identifier with use 'usual' "
					+ "(its uniqueId, system " + URI_SYSTEM + ", value urn:oid:...); found " + uniqueIds.size());
		}
		Identifier uniqueId = uniqueIds.get(0);
		if (!URI_SYSTEM.equals(uniqueId.getSystem()) || uniqueId.getValue() == null
				|| !OID_URN.matcher(uniqueId.getValue()).matches()) {
			throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, kind + " uniqueId must have system " + URI_SYSTEM
					+ " and an OID value (urn:oid:1.2.3...); was " + uniqueId.getSystem() + "|" + uniqueId.getValue());
		}
		for (Identifier identifier : list.getIdentifier()) {
			if (identifier.getUse() == IdentifierUse.OFFICIAL
					&& (!URI_SYSTEM.equals(identifier.getSystem()) || identifier.getValue() == null
							|| !UUID_URN.matcher(identifier.getValue()).matches())) {
				throw invalid(RULE, XdsErrorCode.XDSRegistryMetadataError, kind + " entryUUID (identifier with use "
						+ "'official') must have system " + URI_SYSTEM + " and a urn:uuid: value; was "
						+ identifier.getSystem() + "|" + identifier.getValue());
			}
		}
	}
}
