package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.util.ResourceUtil;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * HAPI's FHIR R4 instance validator against the core definitions only (no IHE or national profiles: those are our
 * rules'), with the common code systems (MIME types, languages, UCUM) checked and unknown code systems (Volven)
 * only warned about. A Bundle is validated whole, so its entries' references are resolved within it, but without the
 * document bytes of its Binaries: the validator would otherwise walk a 50 MB document as base64 text. A bundle parsed
 * from a request is validated as the client's own text (HAPI keeps it on the parsed bundle, and finds more in it than
 * in the parsed bundle: an unknown property, for one), with the bytes left out there ({@link SubmittedJson}); one
 * sent as XML is still validated as sent, bytes and all; a bundle built here (ITI-105) is validated as HAPI encodes
 * it, with {@code Binary.data} taken out for the time of the validation.
 *
 * <p>The validator loads the core StructureDefinitions on first use (some seconds); that first use is made right
 * after startup, in the background, so the first ITI-65 does not wait for it.
 */
@Component
@ConditionalOnProperty(name = FhirR4Validation.ENABLED, havingValue = "true", matchIfMissing = true)
public class FhirR4Validation {

	/**
	 * On by default. The core definitions stay in the heap once loaded: a server with {@code -Xmx256m} that had
	 * loaded them ran out of heap streaming a 50 MB document to four clients. A server that small turns this off and
	 * relies on the MHD rules alone.
	 */
	public static final String ENABLED = "dokumentdeling.provide.fhir-r4-validation";

	private static final Logger log = LoggerFactory.getLogger(FhirR4Validation.class);

	/** Idle validators kept: about as many as validate at once on a few cores. */
	private static final int POOLED_VALIDATORS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

	private final FhirContext fhirContext;
	private final FhirValidator validator;

	@Autowired
	public FhirR4Validation(FhirContext fhirContext) {
		this(fhirContext, new InstanceValidatorPool(coreDefinitions(fhirContext), POOLED_VALIDATORS));
	}

	/** With another validator module on the same definitions: the bench's ValidationCost times HAPI's own this way. */
	public FhirR4Validation(FhirContext fhirContext, IValidatorModule module) {
		this.fhirContext = fhirContext;
		this.validator = fhirContext.newValidator();
		this.validator.setValidateAgainstStandardSchema(false);
		this.validator.setValidateAgainstStandardSchematron(false);
		this.validator.registerValidatorModule(module);
	}

	/** HAPI's instance validator on the core definitions, set up as this server validates with it. */
	public static FhirInstanceValidator coreDefinitions(FhirContext fhirContext) {
		UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(fhirContext);
		unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		ValidationSupportChain chain = new ValidationSupportChain(
				new LanguageTagValidationSupport(fhirContext),
				new DefaultProfileValidationSupport(fhirContext),
				new SnapshotGeneratingValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				unknownCodeSystems);
		FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
		instanceValidator.setAnyExtensionsAllowed(true);
		instanceValidator.setErrorForUnknownProfiles(false);
		return instanceValidator;
	}

	/** The errors (and fatal errors) R4 finds in the bundle; warnings and information are left out. */
	public List<SingleValidationMessage> errors(Bundle bundle) {
		Map<Binary, Base64BinaryType> data = new IdentityHashMap<>();
		for (BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getResource() instanceof Binary binary && binary.hasDataElement()) {
				data.put(binary, binary.getDataElement());
				binary.setDataElement(null);
			}
		}
		String submitted = ResourceUtil.getRawStringFromResourceOrNull(bundle);
		EncodingEnum encoding = ResourceUtil.getEncodingTypeFromUserData(bundle);
		if (submitted != null && encoding == EncodingEnum.JSON) {
			ResourceUtil.addRawDataToResource(bundle, encoding, SubmittedJson.withoutBinaryData(submitted));
		}
		try {
			return validator.validateWithResult(bundle).getMessages().stream()
					.filter(m -> m.getSeverity() != null && m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
					.toList();
		} finally {
			data.forEach(Binary::setDataElement);
			if (submitted != null) {
				ResourceUtil.addRawDataToResource(bundle, encoding, submitted);
			}
		}
	}

	/** The validator every ITI-65 bundle goes through; tests register a module beside ours to see what it is given. */
	FhirValidator validator() {
		return validator;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void warmUp() {
		Thread warming = new Thread(() -> {
			long start = System.nanoTime();
			Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
			bundle.addEntry().setFullUrl("urn:uuid:00000000-0000-0000-0000-000000000000").setResource(new Patient())
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
			errors(bundle);
			log.info("FHIR R4 validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
		}, "fhir-validator-warmup");
		warming.setDaemon(true);
		warming.start();
	}
}
