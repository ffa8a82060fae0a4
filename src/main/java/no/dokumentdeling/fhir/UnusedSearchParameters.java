package no.dokumentdeling.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.stereotype.Component;

/**
 * HAPI indexes every built-in SearchParameter of a resource on every write. These are the built-in ones that no MHD
 * search (ITI-66/67), no rule of the access policy and no lookup of ours uses, and that the CapabilityStatement does
 * not offer; each is stored as {@code retired} under its own URL, which is how HAPI switches a built-in parameter off,
 * so writes do not index it and searches by it are refused as unknown. The list is per resource type; AuditEvents
 * are not HAPI resources at all (audit.AuditEventTable).
 */
@Component
public class UnusedSearchParameters implements SearchParameterSource {

	static final Map<String, List<String>> UNUSED = Map.of(
			"DocumentReference", List.of("authenticator", "custodian", "encounter", "language", "location", "contenttype",
					"relationship"),
			"List", List.of("empty-reason", "encounter", "notes", "title"),
			"Patient", List.of("address", "address-city", "address-country", "address-postalcode", "address-state",
					"address-use", "death-date", "deceased", "email", "gender", "general-practitioner", "language", "link",
					"organization", "phone", "phonetic", "telecom"),
			"Consent", List.of("action", "consentor", "organization", "purpose", "source-reference"));

	private final FhirContext fhirContext;

	public UnusedSearchParameters(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public List<SearchParameter> searchParameters() {
		List<SearchParameter> retired = new ArrayList<>();
		UNUSED.forEach((type, codes) -> {
			for (String code : codes) {
				RuntimeSearchParam builtIn = fhirContext.getResourceDefinition(type).getSearchParam(code);
				if (builtIn == null) {
					throw new IllegalStateException("No built-in SearchParameter " + type + ":" + code + " to switch off");
				}
				SearchParameter parameter = new SearchParameter();
				parameter.setId("dd-off-" + type.toLowerCase(Locale.ROOT) + "-" + code);
				parameter.setUrl(builtIn.getUri());
				parameter.setName(code);
				parameter.setCode(code);
				parameter.addBase(type);
				parameter.setType(SearchParamType.fromCode(builtIn.getParamType().getCode()));
				parameter.setExpression(builtIn.getPath());
				parameter.setStatus(PublicationStatus.RETIRED);
				parameter.setDescription("Not used by dokumentdeling: not indexed.");
				retired.add(parameter);
			}
		});
		return retired;
	}
}
