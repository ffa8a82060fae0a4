package no.dokumentdeling.mhd.provide;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's {@link FhirInstanceValidator}, without building a new {@link InstanceValidator} for every resource.
 *
 * <p>HAPI builds one per call, and its constructor reads the validator's table of OIDs from the classpath and sets
 * up a FHIRPath engine: in an ITI-65 that was as much CPU as validating the bundle itself. An {@code InstanceValidator}
 * clears what one validation leaves behind when the next one starts (the resources it resolved, its tracked
 * messages), so it can be used again, but not by two threads at once: idle ones wait in a small pool, and one is
 * built when none is idle. A few things it keeps past a validation are never cleared (the canonical URLs it looked
 * up, the status hints it gave, the narratives it indexed for references into them, each narrative's whole resource
 * tree with it): they grow with what it has validated, so a validator is dropped once it has validated
 * {@link #USES} resources or {@link #VOLUME} characters, whichever comes first, and what idle validators hold stays
 * bounded whatever clients send. The tree of the last validation is let go at once.
 *
 * <p>Each validator is set up as {@code template} sets up its own for each call, on the template's worker context
 * (its validation support chain), and the messages are filtered and reported as the template does: the same
 * bundle gets the same messages (InstanceValidatorPoolTest compares the two).
 */
public final class InstanceValidatorPool implements IInstanceValidatorModule {

	/** Validations per validator before it is dropped for a fresh one. */
	static final int USES = 200;

	/** Characters of encoded resources per validator before it is dropped (a bench bundle is about 3,200). */
	static final long VOLUME = 512 * 1024;

	private final FhirInstanceValidator template;
	private final IWorkerContext worker;
	private final BlockingQueue<PooledValidator> idle;

	/** @param size idle validators kept at most (more may exist while more threads validate at once) */
	public InstanceValidatorPool(FhirInstanceValidator template, int size) {
		this.template = template;
		// The worker context HAPI would make on the template's first validation, made now and shared with it.
		if (template.getWorkerContext() == null) {
			template.setWrappedWorkerContext(template.getValidationSupport(),
					WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(template.getValidationSupport()));
		}
		this.worker = template.getWorkerContext();
		this.idle = new ArrayBlockingQueue<>(size);
	}

	@Override
	public void validateResource(IValidationContext<IBaseResource> context) {
		PooledValidator pooled = idle.poll();
		if (pooled == null) {
			pooled = new PooledValidator(newValidator());
		}
		String encoded = context.getResourceAsString();
		List<ValidationMessage> messages = validate(pooled.validator, context, encoded);
		pooled.validator.validatedContent = null;
		// Only a validator whose validation ended normally goes back: one that threw may hold its half-done state.
		pooled.uses++;
		pooled.volume += encoded.length();
		if (pooled.uses < USES && pooled.volume < VOLUME) {
			idle.offer(pooled);
		}
		messages.forEach(message -> context.addValidationMessage(toHapi(message)));
	}

	private InstanceValidator newValidator() {
		IHostApplicationServices host = Objects.requireNonNullElseGet(template.getHostApplicationServices(),
				FhirInstanceValidator.NullEvaluationContext::new);
		InstanceValidator validator = new InstanceValidator(worker, host, new XVerExtensionManagerOld(worker),
				new ValidatorSession(), new ValidatorSettings());
		validator.setAssumeValidRestReferences(template.isAssumeValidRestReferences());
		validator.setBestPracticeWarningLevel(template.getBestPracticeWarningLevel());
		validator.setAnyExtensionsAllowed(template.isAnyExtensionsAllowed());
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setNoTerminologyChecks(template.isNoTerminologyChecks());
		validator.setErrorForUnknownProfiles(template.isErrorForUnknownProfiles());
		// As HAPI has it: unknown code systems are errors here, and UnknownCodeSystemWarningValidationSupport in the
		// chain decides what an unknown one is reported as.
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.getExtensionDomains().addAll(template.getExtensionDomains());
		validator.setFetcher(template.getValidatorResourceFetcher());
		validator.setPolicyAdvisor(template.getValidatorPolicyAdvisor());
		validator.setNoExtensibleWarnings(template.isNoExtensibleWarnings());
		validator.setNoBindingMsgSuppressed(template.isNoBindingMsgSuppressed());
		validator.setAllowExamples(template.isAllowExamples());
		validator.setAllowXsiLocation(true);
		return validator;
	}

	private List<ValidationMessage> validate(InstanceValidator validator, IValidationContext<IBaseResource> context,
			String encoded) {
		List<StructureDefinition> profiles = new ArrayList<>();
		List<ValidationMessage> unknownProfiles = new ArrayList<>();
		for (String url : declaredProfiles(context)) {
			addProfile(url, profiles, unknownProfiles);
		}
		EncodingEnum encoding = context.getResourceAsStringEncoding();
		if (encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
			throw new IllegalArgumentException("Cannot validate a resource encoded as " + encoding);
		}
		List<ValidationMessage> messages = new ArrayList<>();
		validator.validate(null, messages,
				new ByteArrayInputStream(encoded.getBytes(StandardCharsets.UTF_8)),
				encoding == EncodingEnum.JSON ? FhirFormat.JSON : FhirFormat.XML, profiles);
		if (profiles.isEmpty()) {
			messages.addAll(unknownProfiles);
		}
		List<ValidationMessage> reported = messages.stream().filter(m -> !silenced(m)).toList();
		// HAPI's switch decides what an unknown profile is, whatever level the validator or the lookup gave it.
		ValidationMessage.IssueSeverity unknownProfile = template.isErrorForUnknownProfiles()
				? ValidationMessage.IssueSeverity.ERROR : ValidationMessage.IssueSeverity.WARNING;
		reported.stream()
				.filter(m -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
						|| I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId()))
				.forEach(m -> m.setLevel(unknownProfile));
		return reported;
	}

	/**
	 * The profiles asked for in the options, then those the resource declares in {@code meta.profile} (read from the
	 * resource: HAPI parses its own encoding of it a second time to find them), in HAPI's order and with repeats.
	 */
	private static List<String> declaredProfiles(IValidationContext<IBaseResource> context) {
		List<String> urls = new ArrayList<>(context.getOptions().getProfiles());
		for (IPrimitiveType<String> profile : context.getResource().getMeta().getProfile()) {
			if (profile.getValue() != null) {
				urls.add(profile.getValue());
			}
		}
		return urls;
	}

	private void addProfile(String url, List<StructureDefinition> profiles,
			List<ValidationMessage> unknownProfiles) {
		try {
			StructureDefinition definition = worker.fetchResource(StructureDefinition.class, url);
			if (definition != null) {
				profiles.add(definition);
			} else {
				ValidationMessage unknown = new ValidationMessage();
				unknown.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
				unknown.setLevel(ValidationMessage.IssueSeverity.ERROR);
				unknown.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
				unknownProfiles.add(unknown);
			}
		} catch (FHIRException e) {
			// As HAPI does: a profile that cannot be loaded is left out, and the validator says what it lacks.
		}
	}

	/** The terminology messages HAPI leaves out: a binding without a value set, the MIME type value set missing. */
	private static boolean silenced(ValidationMessage message) {
		String id = message.getMessageId();
		return id != null && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
				|| id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
						&& message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes"));
	}

	private static SingleValidationMessage toHapi(ValidationMessage message) {
		SingleValidationMessage hapi = new SingleValidationMessage();
		if (message.getCol() != -1) {
			hapi.setLocationCol(message.getCol());
		}
		if (message.getLine() != -1) {
			hapi.setLocationLine(message.getLine());
		}
		hapi.setLocationString(message.getLocation());
		hapi.setMessage(message.getMessage());
		if (message.getLevel() != null) {
			hapi.setSeverity(ResultSeverityEnum.fromCode(message.getLevel().toCode()));
		}
		if (message.getMessageId() != null && !message.getMessageId().contains(" ")) {
			hapi.setMessageId(message.getMessageId());
		}
		if (message.hasSliceInfo()) {
			hapi.setSliceMessages(message.getSliceInfo().stream().map(ValidationMessage::getMessage).toList());
		}
		return hapi;
	}

	private static final class PooledValidator {
		private final InstanceValidator validator;
		private int uses;
		private long volume;

		private PooledValidator(InstanceValidator validator) {
			this.validator = validator;
		}
	}
}
