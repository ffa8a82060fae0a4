package no.dokumentdeling.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Our conformance resources from {@code ig/} (packaged on the classpath under {@code ig/}): the IHE
 * SearchParameters, the code systems the ITI-65 rules check against, our CapabilityStatement and the
 * OperationDefinitions it names.
 */
@Component
public class ConformanceResources implements SearchParameterSource {

	private final List<IBaseResource> resources;

	public ConformanceResources(FhirContext fhirContext) {
		this.resources = load(fhirContext);
	}

	/**
	 * Those for the types HAPI stores: an AuditEvent parameter ({@code agent-identifier}) is the audit table's
	 * ({@code audit.AuditEventProvider}), kept in {@code ig/} as the definition the CapabilityStatement names.
	 */
	@Override
	public List<SearchParameter> searchParameters() {
		return ofType(SearchParameter.class).stream()
				.filter(parameter -> parameter.getBase().stream().allMatch(base -> ServedResourceTypes.STORED.contains(base.getCode())))
				.toList();
	}

	public CodeSystem codeSystem(String url) {
		return ofType(CodeSystem.class).stream()
				.filter(cs -> url.equals(cs.getUrl()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("ig/ has no CodeSystem " + url));
	}

	public Optional<OperationDefinition> operationDefinition(String url) {
		return ofType(OperationDefinition.class).stream().filter(d -> d.getUrl().equals(url)).findFirst();
	}

	public Optional<CapabilityStatement> capabilityStatement() {
		return ofType(CapabilityStatement.class).stream().findFirst();
	}

	private <T> List<T> ofType(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static List<IBaseResource> load(FhirContext fhirContext) {
		try {
			Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:ig/*.json");
			Arrays.sort(files, Comparator.comparing(Resource::getFilename));
			List<IBaseResource> loaded = new ArrayList<>();
			for (Resource file : files) {
				try (InputStream in = file.getInputStream()) {
					loaded.add(fhirContext.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
			return List.copyOf(loaded);
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read conformance resources from ig/", e);
		}
	}
}
