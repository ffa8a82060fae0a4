package no.dokumentdeling.norway;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import no.dokumentdeling.fhir.ConformanceResources;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.springframework.stereotype.Component;

/**
 * Volven 9602 (Dokumenttype), as far as {@code ig/CodeSystem-volven-9602.json} lists it: level-1 codes are
 * categories ({@code A00-1}), level-2 codes are types nested under their category ({@code A03-2}).
 */
@Component
public class DocumentTypeCodes {

	public static final String SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.9602";

	/** type code -> category code; categories map to themselves. */
	private final Map<String, String> categoryOf = new HashMap<>();

	public DocumentTypeCodes(ConformanceResources conformance) {
		CodeSystem codeSystem = conformance.codeSystem(SYSTEM);
		for (ConceptDefinitionComponent category : codeSystem.getConcept()) {
			categoryOf.put(category.getCode(), category.getCode());
			for (ConceptDefinitionComponent type : category.getConcept()) {
				categoryOf.put(type.getCode(), category.getCode());
			}
		}
	}

	/** The Volven 9602 code of a coded element (category or type), if it carries one. */
	public static Optional<String> codeIn(CodeableConcept concept) {
		return concept.getCoding().stream()
				.filter(c -> SYSTEM.equals(c.getSystem()))
				.map(Coding::getCode)
				.findFirst();
	}

	public boolean isCategory(String code) {
		return code != null && code.equals(categoryOf.get(code));
	}

	/** The category a type belongs to, if the code is a known type. */
	public Optional<String> categoryOfType(String code) {
		String category = categoryOf.get(code);
		return category == null || category.equals(code) ? Optional.empty() : Optional.of(category);
	}
}
