package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Language codes (BCP 47) for the R4 validator: any well-formed tag is valid, as {@code all-languages} (the maximum
 * binding of {@code Attachment.language}) allows. HAPI's own terminology support knows only the tags listed in the
 * R4 {@code languages} value set, which leaves out {@code nb}, the Norwegian Bokmål that Norwegian documents carry.
 */
class LanguageTagValidationSupport implements IValidationSupport {

	static final String BCP_47 = "urn:ietf:bcp:47";
	private static final Set<String> VALUE_SETS =
			Set.of("http://hl7.org/fhir/ValueSet/languages", "http://hl7.org/fhir/ValueSet/all-languages");

	private final FhirContext fhirContext;

	LanguageTagValidationSupport(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public FhirContext getFhirContext() {
		return fhirContext;
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return BCP_47.equals(system);
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
		return valueSetUrl != null && VALUE_SETS.contains(valueSetUrl.split("\\|", 2)[0]);
	}

	@Override
	public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, String valueSetUrl) {
		boolean languages = BCP_47.equals(system) || (system == null && isValueSetSupported(context, valueSetUrl));
		return languages ? check(code, display) : null;
	}

	@Override
	public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, IBaseResource valueSet) {
		String url = valueSet instanceof ValueSet vs ? vs.getUrl() : null;
		return isValueSetSupported(context, url) && (system == null || BCP_47.equals(system)) ? check(code, display) : null;
	}

	private static CodeValidationResult check(String code, String display) {
		try {
			new Locale.Builder().setLanguageTag(code);
			return new CodeValidationResult().setCode(code).setDisplay(display);
		} catch (IllformedLocaleException | NullPointerException e) {
			return new CodeValidationResult().setSeverity(IssueSeverity.ERROR)
					.setMessage("'" + code + "' is not a well-formed BCP 47 language tag");
		}
	}
}
