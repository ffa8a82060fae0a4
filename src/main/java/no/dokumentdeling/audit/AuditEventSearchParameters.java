package no.dokumentdeling.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.fhir.SearchParameterSource;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.stereotype.Component;

/**
 * The AuditEvent search parameters the server indexes: those the auditors' search and the innsynslogg use
 * ({@code patient}, {@code entity}, {@code date}, {@code type}, {@code subtype}, {@code outcome}, {@code address}, our
 * {@code agent-identifier} and {@code nhn-event-id}). Every other built-in AuditEvent parameter is stored as a retired
 * SearchParameter of the same code, which HAPI then neither indexes nor accepts in a search: each audit record is
 * written on every read, and each indexed parameter costs rows and reference checks in that write.
 */
@Component
public class AuditEventSearchParameters implements SearchParameterSource {

	/** The built-in AuditEvent parameters that stay indexed. */
	static final Set<String> INDEXED = Set.of("patient", "entity", "date", "type", "subtype", "outcome", "address");

	static final String NHN_EVENT_ID = "nhn-event-id";

	private final RuntimeResourceDefinition auditEvent;

	public AuditEventSearchParameters(FhirContext fhirContext) {
		this.auditEvent = fhirContext.getResourceDefinition("AuditEvent");
	}

	@Override
	public List<SearchParameter> searchParameters() {
		List<SearchParameter> parameters = new java.util.ArrayList<>(auditEvent.getSearchParams().stream()
				.filter(parameter -> !INDEXED.contains(parameter.getName()) && !parameter.getName().startsWith("_"))
				.filter(parameter -> parameter.getPath() != null && !parameter.getPath().isBlank())
				.sorted(java.util.Comparator.comparing(RuntimeSearchParam::getName))
				.map(AuditEventSearchParameters::retired)
				.toList());
		parameters.add(nhnEventId());
		return parameters;
	}

	private static SearchParameter retired(RuntimeSearchParam builtIn) {
		SearchParameter parameter = base("AuditEvent-" + builtIn.getName() + "-not-indexed", builtIn.getName());
		parameter.setStatus(PublicationStatus.RETIRED);
		parameter.setDescription("Not indexed: no audit search uses " + builtIn.getName() + ".");
		parameter.setType(SearchParamType.fromCode(builtIn.getParamType().getCode()));
		parameter.setExpression(builtIn.getPath());
		builtIn.getTargets().stream().sorted().forEach(parameter::addTarget);
		return parameter;
	}

	/** The correlation id a caller sent ({@code nhn-event-id} header), kept in the request-context entity. */
	private static SearchParameter nhnEventId() {
		SearchParameter parameter = base("AuditEvent-nhn-event-id", NHN_EVENT_ID);
		parameter.setStatus(PublicationStatus.ACTIVE);
		parameter.setDescription("Audit records by the nhn-event-id the caller sent with the request.");
		parameter.setType(SearchParamType.TOKEN);
		parameter.setExpression("AuditEvent.entity.detail.where(type = '" + NHN_EVENT_ID + "').value.ofType(string)");
		return parameter;
	}

	private static SearchParameter base(String id, String code) {
		SearchParameter parameter = new SearchParameter();
		parameter.setId(id);
		parameter.setUrl("https://dokumentdeling.no/fhir/SearchParameter/" + id);
		parameter.setName(id.replace("-", ""));
		parameter.setPublisher("dokumentdeling");
		parameter.setCode(code);
		parameter.addBase("AuditEvent");
		return parameter;
	}
}
