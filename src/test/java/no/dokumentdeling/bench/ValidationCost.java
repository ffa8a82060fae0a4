package no.dokumentdeling.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import no.dokumentdeling.mhd.provide.FhirR4Validation;
import no.dokumentdeling.mhd.provide.InstanceValidatorPool;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What the ITI-65 FHIR R4 validation costs per bundle, HAPI's own instance validator against this server's
 * ({@link FhirR4Validation}), in one JVM on the bench's own bundles, parsed from their JSON as the server parses
 * them: CPU time of the validating thread per call, in interleaved rounds after a warm-up. Not a server benchmark
 * (no HTTP, no database): it isolates the validation, which JFR in {@code make bench} shows as most of ITI-65's CPU.
 *
 * <p>Then the same bundles as the server has them: parsed by a context that keeps the client's JSON on the bundle
 * (HAPI's JPA configuration turns that on, and the validator then reads that text), validated with the text as sent
 * (the document's base64 included, as before {@link no.dokumentdeling.mhd.provide.FhirR4Validation} replaced it) and
 * as {@code FhirR4Validation} gives it now.
 *
 * <p>{@code java -cp target/test-classes:target/classes:$(cat target/bench/classpath.txt)
 * no.dokumentdeling.bench.ValidationCost [bundles] [rounds]}
 */
public final class ValidationCost {

	public static void main(String[] args) {
		int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		FhirContext fhir = ProvideBundleBuilder.FHIR;
		List<Bundle> bundles = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String json = Benchmark.bundle(SyntheticFodselsnummer.next(), i % 10).json();
			bundles.add(fhir.newJsonParser().parseResource(Bundle.class, json));
		}
		FhirR4Validation hapi = new FhirR4Validation(fhir, FhirR4Validation.coreDefinitions(fhir));
		FhirR4Validation ours = new FhirR4Validation(fhir);
		for (Bundle bundle : bundles.subList(0, Math.min(50, count))) {
			if (!describe(hapi.errors(bundle)).equals(describe(ours.errors(bundle)))) {
				throw new IllegalStateException("The two validators disagree on a bench bundle");
			}
		}
		compare("bench bundles", "HAPI's FhirInstanceValidator", hapi::errors, "pooled InstanceValidators", ours::errors,
				bundles, rounds);
		asTheServerHasThem(bundles, rounds);
	}

	private static void asTheServerHasThem(List<Bundle> parsed, int rounds) {
		FhirContext server = FhirContext.forR4();
		server.setStoreRawJson(true);
		List<Bundle> bundles = parsed.stream()
				.map(b -> server.newJsonParser().parseResource(Bundle.class, ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(b)))
				.toList();
		FhirValidator asSent = server.newValidator();
		asSent.setValidateAgainstStandardSchema(false);
		asSent.setValidateAgainstStandardSchematron(false);
		asSent.registerValidatorModule(new InstanceValidatorPool(FhirR4Validation.coreDefinitions(server), 4));
		FhirR4Validation standIn = new FhirR4Validation(server);
		Validation before = bundle -> asSent.validateWithResult(bundle).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
		Validation after = standIn::errors;
		compare("the client's JSON", "with Binary.data as sent", before, "with the stand-in", after, bundles, rounds);
	}

	/** {@code first} and {@code second} in interleaved rounds after a warm-up of both, until the JIT has settled. */
	private static void compare(String what, String firstName, Validation first, String secondName, Validation second,
			List<Bundle> bundles, int rounds) {
		time(first, bundles);
		time(second, bundles);
		double[] totals = new double[2];
		for (int round = 0; round < rounds; round++) {
			boolean inOrder = round % 2 == 0;
			double a = time(inOrder ? first : second, bundles);
			double b = time(inOrder ? second : first, bundles);
			double firstMs = inOrder ? a : b;
			double secondMs = inOrder ? b : a;
			totals[0] += firstMs;
			totals[1] += secondMs;
			System.out.printf(Locale.ROOT, "round %d, %s: %s %.2f ms CPU per bundle, %s %.2f ms%n",
					round + 1, what, firstName, firstMs, secondName, secondMs);
		}
		System.out.printf(Locale.ROOT, "mean of %d rounds of %d, %s: %.2f -> %.2f ms CPU per bundle (%.1fx)%n",
				rounds, bundles.size(), what, totals[0] / rounds, totals[1] / rounds, totals[0] / totals[1]);
	}

	private interface Validation {
		List<SingleValidationMessage> errors(Bundle bundle);
	}

	/** CPU milliseconds of this thread per bundle. */
	private static double time(Validation validation, List<Bundle> bundles) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		for (Bundle bundle : bundles) {
			if (!validation.errors(bundle).isEmpty()) {
				throw new IllegalStateException("A bench bundle is not valid FHIR R4");
			}
		}
		return (threads.getCurrentThreadCpuTime() - start) / 1e6 / bundles.size();
	}

	private static List<String> describe(List<SingleValidationMessage> messages) {
		return messages.stream().map(m -> m.getLocationString() + " " + m.getMessage()).toList();
	}
}
