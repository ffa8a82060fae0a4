package no.dokumentdeling.norway;

import java.util.HashSet;
import java.util.Set;
import no.dokumentdeling.fhir.ConformanceResources;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.springframework.stereotype.Component;

/**
 * The security labels a document may carry: Volven 9603 (sperring {@code NORS}, nekting {@code NORN_*},
 * normal {@code N}) and HL7's confidentiality codes.
 */
@Component
public class SecurityLabelCodes {

	public static final String VOLVEN_9603 = "urn:oid:2.16.578.1.12.4.1.1.9603";
	public static final String HL7_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

	/** Patient-blocked for health personnel (sperring). */
	public static final String SPERRET = "NORS";
	/** Prefix of the codes that withhold a document from the patient (nekting). */
	public static final String NEKTING_PREFIX = "NORN_";

	private static final Set<String> CONFIDENTIALITY = Set.of("U", "L", "M", "N", "R", "V");

	private final Set<String> volven9603 = new HashSet<>();

	public SecurityLabelCodes(ConformanceResources conformance) {
		CodeSystem codeSystem = conformance.codeSystem(VOLVEN_9603);
		for (ConceptDefinitionComponent concept : codeSystem.getConcept()) {
			volven9603.add(concept.getCode());
		}
	}

	/** The Volven 9603 codes that withhold a document from the patient. */
	public java.util.List<String> nektingCodes() {
		return volven9603.stream().filter(c -> c.startsWith(NEKTING_PREFIX)).sorted().toList();
	}

	/** Whether the document carries the Volven 9603 label {@code code}. */
	public static boolean carries(DocumentReference document, String code) {
		return volven9603Codes(document).anyMatch(code::equals);
	}

	/** Whether the document is withheld from the patient (a {@code NORN_*} label). */
	public static boolean isNekting(DocumentReference document) {
		return volven9603Codes(document).anyMatch(c -> c.startsWith(NEKTING_PREFIX));
	}

	/** Labels the document sperret ({@code NORS}) unless it already is. */
	public static void addSperret(DocumentReference document) {
		if (!carries(document, SPERRET)) {
			document.addSecurityLabel().addCoding().setSystem(VOLVEN_9603).setCode(SPERRET);
		}
	}

	/** Takes every {@code NORS} label off the document. */
	public static void removeSperret(DocumentReference document) {
		document.getSecurityLabel().forEach(label -> label.getCoding().removeIf(
				c -> VOLVEN_9603.equals(c.getSystem()) && SPERRET.equals(c.getCode())));
		document.getSecurityLabel().removeIf(label -> label.getCoding().isEmpty() && !label.hasText());
	}

	private static java.util.stream.Stream<String> volven9603Codes(DocumentReference document) {
		return document.getSecurityLabel().stream().flatMap(l -> l.getCoding().stream())
				.filter(c -> VOLVEN_9603.equals(c.getSystem()) && c.getCode() != null)
				.map(c -> c.getCode());
	}

	public boolean isKnown(String system, String code) {
		if (VOLVEN_9603.equals(system)) {
			return volven9603.contains(code);
		}
		return HL7_CONFIDENTIALITY.equals(system) && CONFIDENTIALITY.contains(code);
	}
}
