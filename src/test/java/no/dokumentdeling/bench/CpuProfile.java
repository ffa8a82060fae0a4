package no.dokumentdeling.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import no.dokumentdeling.testsupport.ServerProcess;

/**
 * A JFR recording of one server while the benchmark drives one kind of request, and where the request threads' CPU
 * went: the share of Tomcat request-thread execution samples whose stack passes through a given part of the code.
 * The server must run with a deep enough JFR stack depth ({@link #JVM_OPTION}), or the frames near the root of
 * HAPI's deep stacks (where our interceptors sit) are cut off.
 */
final class CpuProfile {

	static final String JVM_OPTION = "-XX:FlightRecorderOptions=stackdepth=1024";

	/** The parts of the code whose share is reported, by the frames that mark them. */
	static final Map<String, Predicate<String>> PARTS = parts();

	/** The part issue 9 sets a goal for: at most 10 % of ITI-67 request CPU. */
	static final String AUDIT = "audit (no.dokumentdeling.audit)";

	private static Map<String, Predicate<String>> parts() {
		Map<String, Predicate<String>> parts = new LinkedHashMap<>();
		// The refused-request filter wraps every FHIR request; only what it records (RefusedRequestRecorder) is audit.
		parts.put(AUDIT, type -> type.startsWith("no.dokumentdeling.audit.") && !type.equals("no.dokumentdeling.audit.RefusedRequestAuditFilter"));
		parts.put("DPoP proof (security.DpopVerifier)", type -> type.equals("no.dokumentdeling.security.DpopVerifier"));
		parts.put("access token (security.AccessTokenValidator)", type -> type.equals("no.dokumentdeling.security.AccessTokenValidator"));
		parts.put("DPoP jti insert (security.DpopReplayCache)", type -> type.equals("no.dokumentdeling.security.DpopReplayCache"));
		parts.put("search owner row (security.SearchPageOwnership)", type -> type.equals("no.dokumentdeling.security.SearchPageOwnership"));
		parts.put("HAPI stored search (PersistedJpaBundleProvider, SearchTask)", type -> type.startsWith("ca.uhn.fhir.jpa.search.PersistedJpa")
				|| type.startsWith("ca.uhn.fhir.jpa.search.SearchCoordinatorSvcImpl$") || type.startsWith("ca.uhn.fhir.jpa.search.SearchTask"));
		parts.put("patient.identifier (mhd.find.PatientResolver)", type -> type.equals("no.dokumentdeling.mhd.find.PatientResolver"));
		parts.put("policy (access, sperring)", type -> type.startsWith("no.dokumentdeling.access.") || type.startsWith("no.dokumentdeling.sperring."));
		parts.put("MHD rules (mhd.provide.rules)", type -> type.startsWith("no.dokumentdeling.mhd.provide.rules."));
		// The last of the rules, and the one that cost the most: its share is in the one above too.
		parts.put("FHIR R4 validation (mhd.provide.FhirR4Validation)", type -> type.equals("no.dokumentdeling.mhd.provide.FhirR4Validation"));
		parts.put("HAPI transaction (BaseTransactionProcessor)", type -> type.equals("ca.uhn.fhir.jpa.dao.BaseTransactionProcessor"));
		parts.put("search-parameter indexing (SearchParamExtractorService)", type -> type.equals("ca.uhn.fhir.jpa.searchparam.extractor.SearchParamExtractorService"));
		return parts;
	}

	/** Prints the shares of a recording made earlier: {@code CpuProfile <file.jfr>}. */
	public static void main(String[] args) throws IOException {
		Shares shares = shares(Path.of(args[0]));
		shares.byPart().forEach((part, share) -> System.out.printf(java.util.Locale.ROOT, "%5.1f %% %s%n", share * 100, part));
		System.out.println(shares.samples() + " request-thread samples");
	}

	/** Share (0..1) of request-thread samples per part, and the number of samples. */
	record Shares(Map<String, Double> byPart, int samples) {}

	private final ServerProcess server;
	private final String name;

	CpuProfile(ServerProcess server, String name) {
		this.server = server;
		this.name = name;
	}

	void start() throws IOException, InterruptedException {
		jcmd("JFR.start", "name=" + name, "settings=profile");
	}

	Shares stop(Path file) throws IOException, InterruptedException {
		jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
		return shares(file);
	}

	static Shares shares(Path file) throws IOException {
		Map<String, Integer> hits = new LinkedHashMap<>();
		PARTS.keySet().forEach(part -> hits.put(part, 0));
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
				continue;
			}
			String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
			if (thread == null || !thread.startsWith("http-nio-")) {
				continue;
			}
			samples++;
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			for (Map.Entry<String, Predicate<String>> part : PARTS.entrySet()) {
				if (frames.stream().anyMatch(f -> f.getMethod() != null && part.getValue().test(f.getMethod().getType().getName()))) {
					hits.merge(part.getKey(), 1, Integer::sum);
				}
			}
		}
		Map<String, Double> shares = new LinkedHashMap<>();
		int total = samples;
		hits.forEach((part, n) -> shares.put(part, total == 0 ? Double.NaN : n / (double) total));
		return new Shares(shares, samples);
	}

	private void jcmd(String... command) throws IOException, InterruptedException {
		List<String> args = new java.util.ArrayList<>(List.of(server.javaHome().resolve("bin").resolve("jcmd").toString(),
				String.valueOf(server.pid())));
		args.addAll(List.of(command));
		Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
		}
	}
}
