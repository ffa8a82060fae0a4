package no.dokumentdeling.mhd.provide;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pooled validators find exactly what HAPI's own {@link FhirInstanceValidator} finds (every message, every
 * severity, in order), for valid and broken bundles, also when one validator has validated other bundles before
 * and when several threads validate at once. Both run on one worker context: the same definitions and chain.
 */
class InstanceValidatorPoolTest {

	private static final FhirContext FHIR = ProvideBundleBuilder.FHIR;
	private static FhirValidator hapi;
	private static FhirValidator pooled;
	private static FhirValidator single;

	@BeforeAll
	static void validators() {
		FhirInstanceValidator coreDefinitions = FhirR4Validation.coreDefinitions(FHIR);
		hapi = validator(coreDefinitions);
		pooled = validator(new InstanceValidatorPool(coreDefinitions, 4));
		single = validator(new InstanceValidatorPool(coreDefinitions, 1));
	}

	private static FhirValidator validator(IValidatorModule module) {
		FhirValidator validator = FHIR.newValidator();
		validator.setValidateAgainstStandardSchema(false);
		validator.setValidateAgainstStandardSchematron(false);
		validator.registerValidatorModule(module);
		return validator;
	}

	@Test
	void everyBundleGetsTheMessagesHapisOwnValidatorGives() throws IOException {
		Map<String, Bundle> bundles = bundles();
		for (Map.Entry<String, Bundle> bundle : bundles.entrySet()) {
			List<String> expected = messages(hapi, bundle.getValue());
			assertThat(messages(pooled, bundle.getValue())).as(bundle.getKey()).isEqualTo(expected);
		}
		// The broken ones are broken for both, so the comparison above compared errors, not just empty lists.
		assertThat(messages(hapi, bundles.get("binary without contentType"))).anyMatch(m -> m.startsWith("ERROR"));
		assertThat(messages(hapi, bundles.get("period ends before it starts (per-1)"))).anyMatch(m -> m.startsWith("ERROR"));
		assertThat(messages(hapi, bundles.get("patient contact without details (pat-1)"))).anyMatch(m -> m.startsWith("ERROR"));
	}

	@Test
	void aValidatorUsedBeforeGivesWhatAFreshOneGives() throws IOException {
		Map<String, Bundle> bundles = bundles();
		Map<String, List<String>> first = new LinkedHashMap<>();
		bundles.forEach((name, bundle) -> first.put(name, messages(single, bundle)));
		// The same one validator, now with every other bundle behind it, in the other order.
		List<String> names = new ArrayList<>(bundles.keySet());
		java.util.Collections.reverse(names);
		for (String name : names) {
			assertThat(messages(single, bundles.get(name))).as(name).isEqualTo(first.get(name));
		}
	}

	@Test
	void threadsValidatingAtOnceEachGetTheirOwnBundlesMessages() throws Exception {
		Map<String, Bundle> bundles = bundles();
		Map<String, List<String>> expected = new LinkedHashMap<>();
		bundles.forEach((name, bundle) -> expected.put(name, messages(hapi, bundle)));
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			Map<String, List<Future<List<String>>>> answers = new LinkedHashMap<>();
			for (int round = 0; round < 3; round++) {
				bundles.forEach((name, bundle) -> answers.computeIfAbsent(name, n -> new ArrayList<>())
						.add(threads.submit(() -> messages(pooled, FHIR.newJsonParser().parseResource(Bundle.class,
								FHIR.newJsonParser().encodeResourceToString(bundle))))));
			}
			for (Map.Entry<String, List<Future<List<String>>>> answer : answers.entrySet()) {
				for (Future<List<String>> each : answer.getValue()) {
					assertThat(each.get()).as(answer.getKey()).isEqualTo(expected.get(answer.getKey()));
				}
			}
		} finally {
			threads.shutdownNow();
		}
	}

	private static List<String> messages(FhirValidator validator, Bundle bundle) {
		return validator.validateWithResult(bundle).getMessages().stream().map(InstanceValidatorPoolTest::describe).toList();
	}

	private static String describe(SingleValidationMessage m) {
		return m.getSeverity() + " " + m.getLocationString() + " [" + m.getLocationLine() + ":" + m.getLocationCol() + "] "
				+ m.getMessageId() + " " + m.getMessage() + " " + m.getSliceMessages();
	}

	/** The bundles of testdata/ (valid and invalid), and a few the R4 definitions themselves refuse. */
	private static Map<String, Bundle> bundles() throws IOException {
		Map<String, Bundle> bundles = new LinkedHashMap<>();
		try (Stream<Path> files = Stream.concat(Files.list(Path.of("testdata")), Files.list(Path.of("testdata", "invalid")))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				if (FHIR.newJsonParser().parseResource(Files.readString(file)) instanceof Bundle bundle) {
					bundles.put(file.toString(), bundle);
				}
			}
		}
		bundles.put("built epikrise", ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().bundle());

		ProvideBundleBuilder noContentType = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		noContentType.binary(0).setContentType(null);
		bundles.put("binary without contentType", noContentType.bundle());

		ProvideBundleBuilder backwards = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		backwards.last().getContext().setPeriod(new Period()
				.setStartElement(new DateTimeType("2024-02-01")).setEndElement(new DateTimeType("2024-01-01")));
		bundles.put("period ends before it starts (per-1)", backwards.bundle());

		String patientUrl = ProvideBundleBuilder.newUrl();
		ProvideBundleBuilder withPatient = ProvideBundleBuilder.forSubject(new Reference(patientUrl)).withEpikrise();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(IdentifierSystems.FODSELSNUMMER).setValue(SyntheticFodselsnummer.next());
		patient.addContact().setGender(Enumerations.AdministrativeGender.FEMALE);
		withPatient.bundle().addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
		bundles.put("patient contact without details (pat-1)", withPatient.bundle());

		ProvideBundleBuilder unknownProfile = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise();
		unknownProfile.bundle().getMeta().addProfile("https://example.invalid/StructureDefinition/nothing");
		unknownProfile.last().getMeta().addProfile("https://example.invalid/StructureDefinition/nothing-either");
		bundles.put("unknown profiles declared", unknownProfile.bundle());
		return bundles;
	}
}
