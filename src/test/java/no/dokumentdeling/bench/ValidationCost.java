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
		// Warm-up: both, until the JIT has settled.
		time(hapi, bundles);
		time(ours, bundles);
		double[] totals = new double[2];
		for (int round = 0; round < rounds; round++) {
			boolean hapiFirst = round % 2 == 0;
			double first = time(hapiFirst ? hapi : ours, bundles);
			double second = time(hapiFirst ? ours : hapi, bundles);
			double hapiMs = hapiFirst ? first : second;
			double oursMs = hapiFirst ? second : first;
			totals[0] += hapiMs;
			totals[1] += oursMs;
			System.out.printf(Locale.ROOT, "round %d: HAPI's FhirInstanceValidator %.2f ms CPU per bundle, pooled InstanceValidators %.2f ms%n",
					round + 1, hapiMs, oursMs);
		}
		System.out.printf(Locale.ROOT, "mean of %d rounds of %d bench bundles: %.2f -> %.2f ms CPU per bundle (%.1fx)%n",
				rounds, count, totals[0] / rounds, totals[1] / rounds, totals[0] / totals[1]);
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
		time(before, bundles);
		time(after, bundles);
		double[] totals = new double[2];
		for (int round = 0; round < rounds; round++) {
			boolean beforeFirst = round % 2 == 0;
			double first = time(beforeFirst ? before : after, bundles);
			double second = time(beforeFirst ? after : before, bundles);
			totals[0] += beforeFirst ? first : second;
			totals[1] += beforeFirst ? second : first;
			System.out.printf(Locale.ROOT, "round %d, the client's JSON: with Binary.data as sent %.2f ms CPU per bundle, with the stand-in %.2f ms%n",
					round + 1, beforeFirst ? first : second, beforeFirst ? second : first);
		}
		System.out.printf(Locale.ROOT, "mean of %d rounds, the client's JSON: %.2f -> %.2f ms CPU per bundle (%.1fx)%n",
				rounds, totals[0] / rounds, totals[1] / rounds, totals[0] / totals[1]);
	}

	private interface Validation {
		List<SingleValidationMessage> errors(Bundle bundle);
	}

	/** CPU milliseconds of this thread per bundle. */
	private static double time(FhirR4Validation validation, List<Bundle> bundles) {
		return time((Validation) validation::errors, bundles);
	}

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
