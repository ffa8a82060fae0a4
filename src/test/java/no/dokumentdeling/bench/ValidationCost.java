package no.dokumentdeling.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.dokumentdeling.mhd.provide.FhirR4Validation;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What the ITI-65 FHIR R4 validation costs per bundle, HAPI's own instance validator against this server's
 * ({@link FhirR4Validation}), in one JVM on the bench's own bundles, parsed from their JSON as the server parses
 * them: CPU time of the validating thread per call, in interleaved rounds after a warm-up. Not a server benchmark
 * (no HTTP, no database): it isolates the validation, which JFR in {@code make bench} shows as most of ITI-65's CPU.
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
	}

	/** CPU milliseconds of this thread per bundle. */
	private static double time(FhirR4Validation validation, List<Bundle> bundles) {
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
