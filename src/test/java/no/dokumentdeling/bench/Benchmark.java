package no.dokumentdeling.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import plainhapi.PlainHapiServer;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.FederatingIndexClient;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * {@code make bench}: dokumentdeling against a plain HAPI FHIR JPA server of the same HAPI version (no security,
 * rules or audit; {@link PlainHapiServer}), each in its own JVM on its own database of one embedded PostgreSQL (H2
 * with {@code -Dbench.db=h2}), fed the same ITI-65 bundles and the same ITI-67/68 requests. Rounds are interleaved
 * (A B B A ...), and each figure is per core-second actually used by that server process in its own rounds
 * ({@code /proc/<pid>/stat}), so the ratios hold on a shared, noisy machine where absolute times do not. Clients
 * of dokumentdeling send what production clients send: a DPoP-bound token, a DPoP proof per request,
 * {@code nhn-event-id}. JFR recordings of our server in extra (unmeasured) ITI-67 and ITI-65 rounds give the share
 * of request-thread CPU spent in audit, DPoP, token validation and the other parts {@link CpuProfile} names.
 *
 * <p>System properties: {@code bench.db} (postgres|h2), {@code bench.scales} (default 1000,10000; add 100000 for
 * the large run), {@code bench.docsPerPatient} (10), {@code bench.docsPerBundle} (1, growth 10: documents of one patient per
 * ITI-65 bundle, each its own DocumentReference and Binary in one SubmissionSet), {@code bench.clients} (4),
 * {@code bench.queries} (300 per scale and query), {@code bench.rounds} (4 interleaved rounds per phase), {@code bench.warmupBundles} (200 unmeasured ITI-65
 * bundles per server before the first measured load), {@code bench.heap} (server -Xmx, 1g),
 * {@code bench.javaHome} (the JVM of every server; default this one), {@code bench.altJavaHome} (adds our server on
 * that JVM as a further target), {@code bench.beforeJar} (adds another build of ours, e.g. main's, as a target),
 * {@code bench.startup} (true: also start each server once on an empty H2 database and measure startup and RSS),
 * {@code bench.profileBundles} (200 ITI-65 bundles per server under JFR), {@code bench.federated} (true: also federated
 * ITI-68 through our first server from a second dokumentdeling as the hospital's repository), {@code bench.only}
 * ({@code iti68}: only the ITI-68 phases, stored and federated; {@code iti65}: only the ITI-65 load and its JFR round;
 * {@code iti67}: only the ITI-65 load the searches need, the ITI-67 phases and their JFR round; {@code growth}: only
 * our first server, no plain HAPI, other builds, startup, federated ITI-68 or JFR, loaded up to each scale (default
 * 1000,10000,100000) and searched at each as ITI-67 is otherwise, 600 queries per scale and query, with p50/p95/p99
 * per scale and p99 against the first scale's: issue 10's goal that the cost of a search does not grow with the
 * registry), {@code bench.progressSeconds} (60: a line on the load's progress that often).
 */
public final class Benchmark {

	static final String FNR_SYSTEM = IdentifierSystems.FODSELSNUMMER;
	/** The test source's organisation ({@code orgnr_parent}), whose repository the index is configured with. */
	private static final String SOURCE_ORGNR = "993467049";
	/** 1 MiB documents read through the index per client and round; with the stored ones, 160 MiB in all. */
	private static final int FEDERATED_DOCUMENTS = 10;
	/** {@code bench.only=growth}: while this file exists, a load ends after the patients begun, and the searches run there. */
	static final Path STOP_LOAD = Path.of("target", "bench", "stop-load");
	private static final Pattern BINARY_LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"[^\"]*?(Binary/[^/\"]+)");

	private final String db = System.getProperty("bench.db", "postgres");
	private final String only = only(System.getProperty("bench.only", ""));
	private final boolean onlyRetrieve = "iti68".equals(only);
	private final boolean onlyPublish = "iti65".equals(only);
	private final boolean onlySearch = "iti67".equals(only);
	private final boolean growth = "growth".equals(only);
	private final int[] scales = Arrays.stream(System.getProperty("bench.scales", growth ? "1000,10000,100000" : "1000,10000").split(","))
			.map(String::trim).mapToInt(Integer::parseInt).toArray();
	private final int docsPerPatient = Integer.getInteger("bench.docsPerPatient", 10);
	private final int docsPerBundle = Integer.getInteger("bench.docsPerBundle", growth ? 10 : 1);
	private final int clients = Integer.getInteger("bench.clients", 4);
	private final int queries = Integer.getInteger("bench.queries", growth ? 600 : 300);
	private final int rounds = Integer.getInteger("bench.rounds", 4);
	private final int warmupBundles = Integer.getInteger("bench.warmupBundles", 200);
	private final String heap = System.getProperty("bench.heap", "1g");
	private final boolean measureStartup = Boolean.parseBoolean(System.getProperty("bench.startup", "true"));
	private final boolean federated = Boolean.parseBoolean(System.getProperty("bench.federated", "true"));

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final List<String> patients = new ArrayList<>();
	/** {@code bench.only=growth}: each search's latencies per scale, in the order the scales were measured. */
	private final Map<String, Map<Integer, Latency>> latencies = new LinkedHashMap<>();
	/** {@code bench.only=growth} on PostgreSQL: the plans of the common ITI-67 query at each scale. */
	private final Map<Integer, String> plans = new LinkedHashMap<>();
	private final List<Target> targets = new ArrayList<>();
	private final Table table = new Table();
	private final Path out = Path.of("target", "bench");
	private PreviousFigures previous;
	/** The hospital's repository (central copy) our first server reads reference-mode documents from; no column of its own. */
	private Target repository;

	public static void main(String[] args) throws Exception {
		// Outside Spring Boot, logback logs everything at DEBUG; the table is what matters here.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
				.setLevel(ch.qos.logback.classic.Level.WARN);
		// Embedded PostgreSQL and HTTP client threads: end the JVM deliberately, after a failure too.
		try {
			new Benchmark().run();
		} catch (Exception e) {
			e.printStackTrace();
			System.exit(1);
		}
		System.exit(0);
	}

	private void run() throws Exception {
		Files.createDirectories(out);
		Files.deleteIfExists(STOP_LOAD);
		previous = PreviousFigures.read(PreviousFigures.LATEST);
		defineTargets();
		if (measureStartup && only.isEmpty()) {
			startupOnH2();
		}
		startAll();
		for (Target target : targets) {
			System.out.printf(Locale.ROOT, "%s started on %s in %.1f s (pid %d, log %s)%n", target.name,
					target.database.kind(), target.startupSeconds, target.server.pid(), target.server.log());
			table.put("Start to first /metadata, " + target.database.kind() + " (s)", target, target.startupSeconds, "%.1f");
			table.put("RSS at ready, " + target.database.kind() + " (MB)", target, mb(target.server.residentBytes()), "%.0f");
		}
		if (repository != null) {
			System.out.printf(Locale.ROOT, "%s started in %.1f s (pid %d, log %s); %s reads from it%n", repository.name,
					repository.startupSeconds, repository.server.pid(), repository.server.log(), targets.get(0).name);
		}
		try {
			if (onlyPublish) {
				loadAndProfilePublishing();
			} else {
				if (!onlyRetrieve) {
					loadSearchAndProfile();
				}
				if (!onlySearch && !growth) {
					Map<Target, List<String>> stored = retrieve();
					if (repository != null) {
						federatedRetrieve(targets.get(0), stored.get(targets.get(0)));
					}
				}
			}
			for (Target target : targets) {
				table.put("RSS at the end (MB)", target, mb(target.server.residentBytes()), "%.0f");
			}
			Target ours = targets.get(0);
			String plan = "postgres".equalsIgnoreCase(db) && only.isEmpty()
					? new QueryPlan(ours.server, ours.database, http).capture(patients.get(0)) : "";
			write(plan, true);
		} finally {
			for (Target target : running()) {
				target.server.close();
			}
		}
	}

	private static String only(String phases) {
		String only = phases.trim().toLowerCase(Locale.ROOT);
		if (!only.isEmpty() && !List.of("iti65", "iti67", "iti68", "growth").contains(only)) {
			throw new IllegalArgumentException("bench.only: iti65, iti67, iti68, growth or nothing, not " + phases);
		}
		return only;
	}

	/**
	 * Every server at once (on a busy machine a start takes minutes; startup is measured on H2, one server at a
	 * time); the server that reads from the repository once the repository's URL is known.
	 */
	private void startAll() throws Exception {
		List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		Thread repositoryStart = repository == null ? null : starting(failures, () -> repository.startForLoad(newDatabase()));
		List<Thread> starting = new ArrayList<>();
		for (Target target : targets) {
			TestDatabase database = newDatabase();
			starting.add(starting(failures, () -> {
				if (target == targets.get(0) && repositoryStart != null) {
					repositoryStart.join();
					if (repository.server == null) {
						return;
					}
					Map<String, String> readingFrom = new HashMap<>();
					FederatingIndexClient.get().readingFrom(SOURCE_ORGNR, repository.baseUrl() + "/")
							.forEach((k, v) -> readingFrom.put(k, v.toString()));
					target.startForLoad(database, readingFrom);
				} else {
					target.startForLoad(database);
				}
			}));
		}
		for (Thread start : starting) {
			start.join();
		}
		if (repositoryStart != null) {
			repositoryStart.join();
		}
		if (!failures.isEmpty()) {
			for (Target target : running()) {
				target.server.close();
			}
			throw failures.get(0);
		}
	}

	private static Thread starting(List<Exception> failures, Target.Work start) {
		Thread thread = new Thread(() -> {
			try {
				start.run();
			} catch (Exception e) {
				failures.add(e);
			}
		});
		thread.start();
		return thread;
	}

	private TestDatabase newDatabase() {
		return "h2".equalsIgnoreCase(db) ? h2File() : TestDatabase.postgres();
	}

	/** The targets and the repository whose server has started. */
	private List<Target> running() {
		List<Target> all = new ArrayList<>(targets);
		if (repository != null) {
			all.add(repository);
		}
		return all.stream().filter(t -> t.server != null).toList();
	}

	/** ITI-65 up to each scale, ITI-67 at each, and the JFR rounds (none for {@code bench.only=growth}). */
	private void loadSearchAndProfile() throws Exception {
		warmUpPublishing();
		Map<Target, Long> sizeBefore = sizes();
		int stored = 0;
		for (int wanted : scales) {
			Map<Target, Long> sizeAtStart = sizes();
			int scale = load(stored, wanted);
			if (stored > 0 || scales.length == 1) {
				Map<Target, Long> sizeAtEnd = sizes();
				for (Target target : targets) {
					long grown = sizeAtEnd.get(target) - (stored > 0 ? sizeAtStart : sizeBefore).get(target);
					if (grown > 0) {
						table.put("DB size per 1,000 submissions (MB)", target, mb(grown) * 1000.0 / (scale - stored), "%.1f");
					}
				}
			}
			stored = scale;
			for (String variant : List.of("status=current&_sort=-date",
					"status=current&category=" + ProvideBundleBuilder.VOLVEN_9602 + "|A00-1&_sort=-date")) {
				searches(scale, variant);
			}
			for (Target target : targets) {
				table.put(String.format(Locale.ROOT, "RSS at %,d stored (MB)", scale), target, mb(target.server.residentBytes()), "%.0f");
			}
			if (growth) {
				if ("postgres".equalsIgnoreCase(db)) {
					Target ours = targets.get(0);
					plans.put(scale, new QueryPlan(ours.server, ours.database, http).capture(patients.get(0)));
				}
				write("", false); // what a run stopped later still has
			}
			if (scale < wanted) {
				System.out.printf(Locale.ROOT, "Load stopped at %,d of %,d (%s): no further scales%n", scale, wanted, STOP_LOAD);
				break;
			}
		}
		if (!growth) {
			profileSearches();
		}
		if (!onlySearch && !growth) {
			profilePublishing();
		}
	}

	/** {@code bench.only=iti65}: ITI-65 up to each scale and the JFR round of ITI-65, nothing else. */
	private void loadAndProfilePublishing() throws Exception {
		warmUpPublishing();
		int stored = 0;
		for (int scale : scales) {
			load(stored, scale);
			stored = scale;
		}
		profilePublishing();
	}

	private void defineTargets() {
		Path javaHome = Path.of(System.getProperty("bench.javaHome", System.getProperty("java.home")));
		List<String> jvm = List.of("-Xmx" + heap, "-XX:+UseG1GC");
		List<String> oursJvm = new ArrayList<>(jvm);
		oursJvm.add(CpuProfile.JVM_OPTION);
		Map<String, String> oursProperties = Map.of(
				"logging.level.root", "WARN",
				"logging.level.no.dokumentdeling.DokumentdelingApplication", "INFO",
				"management.endpoints.web.exposure.include", "health,loggers");
		ServerProcess.Launch ours = ServerProcess.Launch.thisApplication().on(javaHome);
		targets.add(new Target("dokumentdeling", true, ours, oursJvm, oursProperties));
		if (growth) {
			return;
		}
		if (federated && !onlyPublish && !onlySearch) {
			Map<String, String> trustingTheIndex = new HashMap<>(oursProperties);
			FederatingIndexClient.get().trustedByRepository().forEach((k, v) -> trustingTheIndex.put(k, v.toString()));
			repository = new Target("hospital repository", true, ours, oursJvm, trustingTheIndex);
		}
		String alt = System.getProperty("bench.altJavaHome", "");
		if (!alt.isBlank()) {
			targets.add(new Target("dokumentdeling on " + Path.of(alt).getFileName(), true, ours.on(Path.of(alt)), oursJvm, oursProperties));
		}
		String beforeJar = System.getProperty("bench.beforeJar", "");
		if (!beforeJar.isBlank()) {
			targets.add(new Target("before (" + Path.of(beforeJar).getFileName() + ")", true,
					new ServerProcess.Launch(javaHome, List.of("-jar", Path.of(beforeJar).toAbsolutePath().toString())), oursJvm, oursProperties));
		}
		targets.add(new Target("plain HAPI 8.8.0", false, ServerProcess.Launch.mainClass(PlainHapiServer.class.getName()).on(javaHome),
				jvm, Map.of("logging.level.root", "WARN", "logging.level." + PlainHapiServer.class.getName(), "INFO")));
		Path jar = Path.of("target", "dokumentdeling.jar");
		if (Files.exists(jar)) {
			table.put("Jar size (MB)", targets.get(0), mb(jar.toFile().length()), "%.0f");
		}
		if (!beforeJar.isBlank()) {
			targets.stream().filter(t -> t.name.startsWith("before")).findFirst()
					.ifPresent(t -> table.put("Jar size (MB)", t, mb(Path.of(beforeJar).toFile().length()), "%.0f"));
		}
	}

	/** Each server once on an empty H2 file database: time to ready, Spring's own figure, RSS at ready. */
	private void startupOnH2() throws Exception {
		for (Target target : targets) {
			ServerProcess server = target.start(h2File());
			try {
				table.put("Start to first /metadata, H2 (s)", target, target.startupSeconds, "%.1f");
				table.put("Spring Boot \"Started ... in\", H2 (s)", target, Target.springStartedSeconds(server), "%.1f");
				table.put("RSS at ready, H2 (MB)", target, mb(server.residentBytes()), "%.0f");
			} finally {
				server.close();
			}
		}
	}

	private static TestDatabase h2File() {
		return TestDatabase.emptyH2File().migrated();
	}

	private Map<Target, Long> sizes() {
		Map<Target, Long> sizes = new LinkedHashMap<>();
		targets.forEach(t -> sizes.put(t, t.databaseBytes()));
		return sizes;
	}

	// ---- ITI-65 -----------------------------------------------------------------------------------------------

	/**
	 * Before anything is measured, each server publishes {@code bench.warmupBundles} bundles for patients of the
	 * warm-up's own, which are never searched: the JIT compiles the publishing path of each server while nobody
	 * counts, as it has long done in a server that has been running for a while. Without it the first scale's
	 * figures are mostly the JIT's, and the larger server has more to compile.
	 */
	private void warmUpPublishing() throws Exception {
		List<String> warmupPatients = new ArrayList<>();
		for (int i = 0; i < (warmupBundles + docsPerPatient - 1) / docsPerPatient; i++) {
			warmupPatients.add(SyntheticFodselsnummer.next());
		}
		try (LoadProgress progress = new LoadProgress("warm-up", (long) warmupPatients.size() * docsPerPatient * targets.size())) {
			for (Target target : targets) {
				publishAll(target, warmupPatients, progress);
			}
		}
		System.out.printf(Locale.ROOT, "Warmed up with %,d documents per server%n", warmupPatients.size() * docsPerPatient);
	}

	/**
	 * Publishes documents ({@code docsPerBundle} per ITI-65 bundle) until {@code to} are stored, in interleaved rounds;
	 * the number stored. For {@code bench.only=growth}, {@link #STOP_LOAD} ends the load after the patients begun.
	 */
	private int load(int from, int to) throws Exception {
		int patientsNeeded = (to - from + docsPerPatient - 1) / docsPerPatient;
		List<String> newPatients = new ArrayList<>();
		for (int i = 0; i < patientsNeeded; i++) {
			newPatients.add(SyntheticFodselsnummer.next());
		}
		Map<Target, double[]> used = new LinkedHashMap<>(); // cpu seconds, wall seconds
		targets.forEach(t -> used.put(t, new double[2]));
		List<String> published = new ArrayList<>();
		int perRound = (newPatients.size() + rounds - 1) / rounds;
		int documents = patientsNeeded * docsPerPatient;
		String range = String.format(Locale.ROOT, "%,d -> %,d", from, from + documents);
		try (LoadProgress progress = new LoadProgress("ITI-65 " + range, (long) documents * targets.size())) {
			for (int round = 0; round < rounds; round++) {
				List<String> chunk = newPatients.subList(Math.min(newPatients.size(), round * perRound),
						Math.min(newPatients.size(), (round + 1) * perRound));
				for (Target target : Target.order(targets, round)) {
					long start = System.nanoTime();
					used.get(target)[0] += target.cpuOf(() -> published.addAll(publishAll(target, chunk, progress)));
					used.get(target)[1] += (System.nanoTime() - start) / 1e9;
				}
			}
		}
		if (published.size() < newPatients.size() * targets.size()) {
			// Only growth stops early, and it has one target: the patients it stored are the ones to search.
			newPatients = published;
			documents = newPatients.size() * docsPerPatient;
			range = String.format(Locale.ROOT, "%,d -> %,d", from, from + documents);
		}
		patients.addAll(newPatients);
		// One document per bundle keeps the measures' old names, which the previous run's figures are matched by.
		String unit = docsPerBundle == 1 ? "bundles" : "documents (" + docsPerBundle + " per bundle)";
		for (Target target : targets) {
			table.put("ITI-65 " + unit + " per core-second, " + range, target, documents / used.get(target)[0], "%.1f");
			table.put("ITI-65 " + unit + "/s (wall, " + clients + " clients), " + range, target, documents / used.get(target)[1], "%.1f");
		}
		System.out.printf(Locale.ROOT, "Loaded %s%n", range);
		return from + documents;
	}

	/**
	 * Each of the clients publishes for its own patients, {@code docsPerPatient} documents each, {@code docsPerBundle}
	 * of them in one bundle (one SubmissionSet).
	 */
	private List<String> publishAll(Target target, List<String> fnrs, LoadProgress progress) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<List<String>>> work = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				int client = c;
				work.add(pool.submit(() -> {
					List<String> done = new ArrayList<>();
					for (int p = client; p < fnrs.size() && !(growth && Files.exists(STOP_LOAD)); p += clients) {
						for (int d = 0; d < docsPerPatient; d += docsPerBundle) {
							int count = Math.min(docsPerBundle, docsPerPatient - d);
							post(target, bundle(fnrs.get(p), d, count));
							progress.stored(count);
						}
						done.add(fnrs.get(p));
					}
					return done;
				}));
			}
			List<String> published = new ArrayList<>();
			for (Future<List<String>> f : work) {
				published.addAll(f.get());
			}
			return published;
		} finally {
			pool.shutdown();
		}
	}

	/** The same document for every target: its content follows from the patient and the document's number. */
	static ProvideBundleBuilder bundle(String fnr, int number) {
		return bundle(fnr, number, 1);
	}

	/** Documents {@code first} to {@code first + count - 1} of the patient in one bundle, each as it is alone. */
	static ProvideBundleBuilder bundle(String fnr, int first, int count) {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr);
		for (int number = first; number < first + count; number++) {
			Random own = new Random(fnr.hashCode() * 31L + number);
			boolean radiology = own.nextInt(4) == 0;
			byte[] text = new byte[20 * 1024];
			for (int i = 0; i < text.length; i++) {
				text[i] = (byte) ('a' + own.nextInt(26));
			}
			bundle.withDocument(radiology ? "E00-1" : "A00-1", radiology ? "E01-2" : "A03-2", "text/plain", text);
			bundle.last().setDate(new Date(System.currentTimeMillis() - own.nextInt(3 * 365) * 86_400_000L));
		}
		return bundle;
	}

	private String post(Target target, ProvideBundleBuilder bundle) throws IOException, InterruptedException {
		String json = target.ours ? bundle.json() : asPlainTransaction(bundle);
		HttpResponse<String> response = http.send(target.client.request("POST", target.baseUrl(), BenchClient.Role.SOURCE)
				.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(target.name + ": ITI-65 answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/**
	 * The bundle as a plain FHIR client would send it to a plain server: the Patient created unless it exists
	 * (conditional create on the fødselsnummer), and the documents and list pointing at it.
	 */
	private static String asPlainTransaction(ProvideBundleBuilder builder) {
		Bundle bundle = builder.bundle().copy();
		String fnr = builder.submissionSet().getSubject().getIdentifier().getValue();
		String patientUrl = ProvideBundleBuilder.newUrl();
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(FNR_SYSTEM).setValue(fnr);
		bundle.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST)
				.setUrl("Patient").setIfNoneExist("identifier=" + FNR_SYSTEM + "|" + fnr);
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getResource() instanceof DocumentReference document) {
				document.setSubject(new Reference(patientUrl));
			} else if (entry.getResource() instanceof ListResource list) {
				list.setSubject(new Reference(patientUrl));
			}
		}
		return ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(bundle);
	}

	// ---- ITI-67 -----------------------------------------------------------------------------------------------

	private void searches(int scale, String variant) throws Exception {
		// Growth's first scale is what the others are divided by: its search path warmed up as much as it is measured.
		int warmup = growth && !latencies.containsKey(variant) ? queries : Math.min(100, queries);
		for (Target target : targets) {
			for (int i = 0; i < warmup; i++) {
				search(target, variant, patients.get(i % patients.size()));
			}
		}
		Map<Target, List<Long>> nanos = new LinkedHashMap<>();
		Map<Target, double[]> cpu = new LinkedHashMap<>();
		targets.forEach(t -> {
			nanos.put(t, new ArrayList<>());
			cpu.put(t, new double[1]);
		});
		int perRound = Math.max(1, queries / rounds);
		for (int round = 0; round < rounds; round++) {
			long seed = round * 7919L + variant.hashCode();
			for (Target target : Target.order(targets, round)) {
				Random random = new Random(seed);
				cpu.get(target)[0] += target.cpuOf(() -> {
					for (int i = 0; i < perRound; i++) {
						nanos.get(target).add(search(target, variant, patients.get(random.nextInt(patients.size()))));
					}
				});
			}
		}
		String what = String.format(Locale.ROOT, "at %,d stored (%s)", scale,
				variant.replace(ProvideBundleBuilder.VOLVEN_9602 + "|", ""));
		for (Target target : targets) {
			long[] sorted = nanos.get(target).stream().mapToLong(Long::longValue).sorted().toArray();
			Latency latency = new Latency(percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99));
			table.put("ITI-67 searches per core-second " + what, target, sorted.length / cpu.get(target)[0], "%.1f");
			table.put("ITI-67 p50 ms " + what, target, latency.p50(), "%.1f");
			table.put("ITI-67 p95 ms " + what, target, latency.p95(), "%.1f");
			table.put("ITI-67 p99 ms " + what, target, latency.p99(), "%.1f");
			if (growth) {
				Map<Integer, Latency> byScale = latencies.computeIfAbsent(variant, v -> new LinkedHashMap<>());
				byScale.put(scale, latency);
				Map.Entry<Integer, Latency> first = byScale.entrySet().iterator().next();
				table.put(String.format(Locale.ROOT, "ITI-67 p99 at %,d / p99 at %,d stored (%s)", scale, first.getKey(),
						variant.replace(ProvideBundleBuilder.VOLVEN_9602 + "|", "")), target, latency.p99() / first.getValue().p99(), "%.2f");
			}
		}
	}

	/** Milliseconds of one search at p50, p95 and p99. */
	private record Latency(double p50, double p95, double p99) {}

	/** The nearest-rank percentile of sorted nanoseconds, in milliseconds. */
	private static double percentile(long[] sorted, double p) {
		return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1))] / 1e6;
	}

	private long search(Target target, String rest, String fnr) throws IOException, InterruptedException {
		String url = target.baseUrl() + "/DocumentReference?patient.identifier=" + enc(FNR_SYSTEM + "|" + fnr) + "&" + encodeValues(rest);
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(target.client.request("GET", url, BenchClient.Role.READER)
				.header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build(),
				HttpResponse.BodyHandlers.ofString());
		long elapsed = System.nanoTime() - start;
		if (response.statusCode() != 200 || !response.body().contains("\"searchset\"")) {
			throw new IllegalStateException(target.name + ": ITI-67 answered " + response.statusCode() + ": " + response.body());
		}
		return elapsed;
	}

	/** Extra ITI-67 rounds under JFR, for each of our servers; not part of the measured rounds. */
	private void profileSearches() throws Exception {
		for (Target target : targets) {
			if (!target.ours) continue;
			CpuProfile profile = new CpuProfile(target.server, "iti67");
			profile.start();
			Random random = new Random(67);
			for (int i = 0; i < queries; i++) {
				search(target, "status=current&_sort=-date", patients.get(random.nextInt(patients.size())));
			}
			shares("ITI-67", target, profile.stop(out.resolve(fileName(target) + "-iti67.jfr")));
		}
	}

	/** Extra ITI-65 bundles under JFR (for new patients), for each of our servers. */
	private void profilePublishing() throws Exception {
		List<String> fresh = new ArrayList<>();
		for (int i = 0; i < Math.max(clients, Integer.getInteger("bench.profileBundles", 200) / docsPerPatient); i++) {
			fresh.add(SyntheticFodselsnummer.next());
		}
		for (Target target : targets) {
			if (!target.ours) continue;
			CpuProfile profile = new CpuProfile(target.server, "iti65");
			profile.start();
			try (LoadProgress progress = new LoadProgress("ITI-65 under JFR, " + target.name, (long) fresh.size() * docsPerPatient)) {
				publishAll(target, fresh, progress);
			}
			shares("ITI-65", target, profile.stop(out.resolve(fileName(target) + "-iti65.jfr")));
		}
	}

	private void shares(String transaction, Target target, CpuProfile.Shares shares) {
		shares.byPart().forEach((part, share) ->
				table.put("Share of " + transaction + " request CPU (JFR): " + part + " (%)", target, share * 100, "%.0f"));
		table.put(transaction + " JFR request-thread samples", target, shares.samples(), "%.0f");
	}

	private static String fileName(Target target) {
		return target.name.replaceAll("[^A-Za-z0-9.-]+", "-");
	}

	// ---- ITI-68 -----------------------------------------------------------------------------------------------

	/** 20 documents of 1 MB per server, fetched by 2 concurrent clients in interleaved rounds; their URLs per server. */
	private Map<Target, List<String>> retrieve() throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		Map<Target, List<String>> urls = new LinkedHashMap<>();
		for (Target target : targets) {
			List<String> own = new ArrayList<>();
			Random bytes = new Random(68);
			for (int i = 0; i < 20; i++) {
				own.add(binaryUrl(target, post(target, retrieveBundle(fnr, bytes))));
			}
			for (String url : own) {
				fetch(target, url); // warm-up
			}
			urls.put(target, own);
		}
		Map<Target, double[]> used = new LinkedHashMap<>();
		Map<Target, AtomicLong> bytes = new LinkedHashMap<>();
		targets.forEach(t -> {
			used.put(t, new double[2]);
			bytes.put(t, new AtomicLong());
		});
		for (int round = 0; round < rounds; round++) {
			for (Target target : Target.order(targets, round)) {
				long start = System.nanoTime();
				used.get(target)[0] += target.cpuOf(() -> bytes.get(target).addAndGet(readConcurrently(target, urls.get(target))));
				used.get(target)[1] += (System.nanoTime() - start) / 1e9;
			}
		}
		for (Target target : targets) {
			table.put("ITI-68 MB per core-second, 1 MiB documents", target, bytes.get(target).get() / 1e6 / used.get(target)[0], "%.1f");
			table.put("ITI-68 MB/s (wall, 2 clients)", target, bytes.get(target).get() / 1e6 / used.get(target)[1], "%.1f");
		}
		return urls;
	}

	/** The next of the ITI-68 phases' 1 MiB documents, the same sequence for every server. */
	private static ProvideBundleBuilder retrieveBundle(String fnr, Random bytes) {
		byte[] document = new byte[1024 * 1024];
		bytes.nextBytes(document);
		return ProvideBundleBuilder.forPatient(fnr).withDocument("A00-1", "A03-2", "application/pdf", document);
	}

	private static String binaryUrl(Target target, String transactionResponse) {
		Matcher m = BINARY_LOCATION.matcher(transactionResponse);
		if (!m.find()) {
			throw new IllegalStateException(target.name + ": no Binary location in the ITI-65 response");
		}
		return target.baseUrl() + "/" + m.group(1);
	}

	/**
	 * Federated ITI-68: the first of the ITI-68 documents stored (central copy) at the hospital's repository and
	 * published by reference at {@code index}, read through the index by 2 concurrent clients, in rounds interleaved
	 * (A B B A) with stored ITI-68 of the index's own copies of the same documents. Federated reads cost CPU in both
	 * servers; both figures are given.
	 */
	private void federatedRetrieve(Target index, List<String> storedAtIndex) throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		Random bytes = new Random(68);
		for (int i = 0; i < FEDERATED_DOCUMENTS; i++) {
			ProvideBundleBuilder stored = retrieveBundle(fnr, bytes);
			String atRepository = binaryUrl(repository, post(repository, stored));
			Attachment attachment = stored.last().getContentFirstRep().getAttachment();
			post(index, ProvideBundleBuilder.forPatient(fnr)
					.withReference("A00-1", "A03-2", "application/pdf", atRepository, attachment.getSize(), attachment.getHash()));
		}
		Map<String, List<String>> reads = new LinkedHashMap<>();
		reads.put("stored", storedAtIndex.subList(0, FEDERATED_DOCUMENTS));
		reads.put("federated", attachmentUrls(index, fnr));
		for (String url : reads.get("federated")) {
			fetch(index, url); // warm-up: the index's token and connections at the repository
		}
		Map<String, double[]> used = new LinkedHashMap<>(); // index CPU, repository CPU, wall seconds, bytes
		reads.keySet().forEach(kind -> used.put(kind, new double[4]));
		for (int round = 0; round < rounds; round++) {
			List<String> kinds = new ArrayList<>(reads.keySet());
			if (round % 2 == 1) {
				java.util.Collections.reverse(kinds);
			}
			for (String kind : kinds) {
				double[] use = used.get(kind);
				double indexBefore = index.server.cpuSeconds();
				double repositoryBefore = repository.server.cpuSeconds();
				long start = System.nanoTime();
				use[3] += readConcurrently(index, reads.get(kind));
				use[2] += (System.nanoTime() - start) / 1e9;
				use[0] += index.server.cpuSeconds() - indexBefore;
				use[1] += repository.server.cpuSeconds() - repositoryBefore;
			}
		}
		double[] stored = used.get("stored");
		double[] through = used.get("federated");
		String at = "ITI-68 at the index, 1 MiB documents, ";
		table.put(at + "stored: MB/s (wall, 2 clients)", index, stored[3] / 1e6 / stored[2], "%.1f");
		table.put(at + "stored: MB per core-second", index, stored[3] / 1e6 / stored[0], "%.1f");
		table.put(at + "federated: MB/s (wall, 2 clients)", index, through[3] / 1e6 / through[2], "%.1f");
		table.put(at + "federated: MB per core-second of index + repository", index, through[3] / 1e6 / (through[0] + through[1]), "%.1f");
		table.put(at + "federated: MB per core-second of the index alone", index, through[3] / 1e6 / through[0], "%.1f");
		table.put("ITI-68 federated / stored, MB/s (wall)", index, (through[3] / through[2]) / (stored[3] / stored[2]), "%.2f");
		table.put("ITI-68 federated / stored, MB per core-second (index + repository)", index,
				(through[3] / (through[0] + through[1])) / (stored[3] / stored[0]), "%.2f");
	}

	/** The ITI-68 URLs the index shows for the patient's documents (ITI-67), as a consumer finds them. */
	private List<String> attachmentUrls(Target index, String fnr) throws IOException, InterruptedException {
		String url = index.baseUrl() + "/DocumentReference?patient.identifier=" + enc(FNR_SYSTEM + "|" + fnr) + "&_count=100";
		HttpResponse<String> response = http.send(index.client.request("GET", url, BenchClient.Role.READER)
				.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(index.name + ": ITI-67 answered " + response.statusCode() + ": " + response.body());
		}
		List<String> urls = ProvideBundleBuilder.FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
				.map(e -> ((DocumentReference) e.getResource()).getContentFirstRep().getAttachment().getUrl()).toList();
		if (urls.size() != FEDERATED_DOCUMENTS) {
			throw new IllegalStateException(index.name + ": ITI-67 found " + urls.size() + " of " + FEDERATED_DOCUMENTS + " references");
		}
		return urls;
	}

	/** Two clients at once, each reading every one of {@code urls} from {@code target}; the bytes read. */
	private long readConcurrently(Target target, List<String> urls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Long>> work = new ArrayList<>();
			for (int c = 0; c < 2; c++) {
				work.add(pool.submit(() -> {
					long read = 0;
					for (String url : urls) {
						read += fetch(target, url);
					}
					return read;
				}));
			}
			long read = 0;
			for (Future<Long> f : work) {
				read += f.get();
			}
			return read;
		} finally {
			pool.shutdown();
		}
	}

	private long fetch(Target target, String url) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = http.send(target.client.request("GET", url, BenchClient.Role.READER)
				.header("Accept", "*/*").build(), HttpResponse.BodyHandlers.ofInputStream());
		long count = 0;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int n; (n = in.read(buffer)) > 0; ) {
				count += n;
			}
		}
		if (response.statusCode() != 200 || count != 1024 * 1024) {
			throw new IllegalStateException(target.name + ": ITI-68 answered " + response.statusCode() + " with " + count + " bytes");
		}
		return count;
	}

	// ---- output -----------------------------------------------------------------------------------------------

	/** The report into target/bench/bench-<db>.md and, if {@code print}, on standard output. */
	private void write(String plan, boolean print) throws IOException {
		StringBuilder text = new StringBuilder();
		text.append("# dokumentdeling benchmark, ").append(Instant.now()).append("\n\n");
		text.append("Database: ").append(targets.get(0).database.kind()).append(" (one server, a database per target); server JVMs -Xmx")
				.append(heap).append(", ").append(targets.get(0).server.javaHome()).append("; ").append(clients)
				.append(" loading clients; ").append(docsPerPatient)
				.append(" documents (20 KB text) per patient, ").append(docsPerBundle == 1 ? "one" : docsPerBundle + " (one SubmissionSet)")
				.append(" per ITI-65 bundle, after ").append(warmupBundles)
				.append(" unmeasured warm-up bundles per server (for patients never searched, stored besides the counts the rows name); ").append(queries)
				.append(" ITI-67 queries per scale and query after ").append(growth ? "as many (first scale) or 100" : "100")
				.append(" warm-up queries, Cache-Control: no-cache; ")
				.append(rounds).append(" interleaved rounds per phase (A B B A ...). Per core-second = operations / CPU "
						+ "seconds (user + system) the server process used in its own rounds. Ratios are against the plain "
						+ "HAPI server; for sizes, times and shares lower is better, for the rest higher.\n\n");
		if (repository != null) {
			text.append("Federated ITI-68: ").append(FEDERATED_DOCUMENTS).append(" of the 1 MiB documents stored at a second "
					+ "dokumentdeling (the hospital's repository, its own database on the same server) and published by "
					+ "reference at ").append(targets.get(0).name).append(" (the index), which reads them with a "
					+ "client-credentials token (private_key_jwt, DPoP) and an on-behalf-of assertion; read through the index "
					+ "by 2 clients in rounds interleaved with stored ITI-68 of the same documents at the index.\n\n");
		}
		if (onlyRetrieve) {
			text.append("Only the ITI-68 phases (bench.only=iti68): no ITI-65 load beyond their documents, no ITI-67, no JFR rounds.\n\n");
		}
		if (onlyPublish) {
			text.append("Only the ITI-65 phases (bench.only=iti65): the load up to each scale and the JFR round; no ITI-67 or ITI-68.\n\n");
		}
		if (onlySearch) {
			text.append("Only the ITI-67 phases (bench.only=iti67): the ITI-65 load they search, the searches and their JFR "
					+ "round; no ITI-65 JFR round, no ITI-68.\n\n");
		}
		if (growth) {
			text.append("ITI-67 as the registry grows (bench.only=growth): only ").append(targets.get(0).name)
					.append(", loaded by ITI-65 up to each scale, the same searches at each for patients drawn from the whole "
							+ "registry, one client at a time; no plain HAPI, no JFR, no ITI-68.\n\n");
		}
		text.append(table.markdown(targets, previous));
		text.append(auditGoal());
		text.append(growthGoal());
		if (!previous.title().isEmpty() && !previous.matchesAny(table.measures())) {
			text.append("\n## Previous figures (").append(PreviousFigures.LATEST).append(": ").append(previous.title())
					.append(")\n\nThat run named its measures differently, so its table stands here as it was.\n\n")
					.append(previous.table());
		}
		text.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, load average ")
				.append(Files.readString(Path.of("/proc/loadavg")).trim()).append(" at the end; bench JVM Java ")
				.append(System.getProperty("java.version")).append('\n');
		if (!plan.isEmpty()) {
			text.append("\n## Query plan of the common ITI-67 query (dokumentdeling)\n\n```\n").append(plan).append("\n```\n");
		}
		for (Map.Entry<Integer, String> at : plans.entrySet()) {
			text.append(String.format(Locale.ROOT, "%n## Query plan of the common ITI-67 query at %,d stored (%s, the oldest patient)%n%n```%n",
					at.getKey(), targets.get(0).name)).append(at.getValue()).append("\n```\n");
		}
		String name = "bench-" + targets.get(0).database.kind().toLowerCase(Locale.ROOT) + ".md";
		Files.writeString(out.resolve(name), text);
		if (print) {
			System.out.println();
			System.out.println(text);
		}
		System.out.println("Written to " + out.resolve(name).toAbsolutePath());
	}

	/**
	 * Issue 10's goal for a registry that grows: per search, p50/p95/p99 at each scale and p99 against the first
	 * scale's, which should stay at most 1.5 up to 100k stored.
	 */
	private String growthGoal() {
		if (latencies.isEmpty()) {
			return "";
		}
		StringBuilder goal = new StringBuilder("\n## ITI-67 latency as the registry grows\n\n"
				+ "| Search | Stored | p50 ms | p95 ms | p99 ms | p99 / p99 at the first scale |\n|---|---|---|---|---|---|\n");
		latencies.forEach((variant, byScale) -> {
			Latency first = byScale.values().iterator().next();
			byScale.forEach((scale, l) -> goal.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %.1f | %.2f |%n",
					variant.replace(ProvideBundleBuilder.VOLVEN_9602 + "|", ""), scale, l.p50(), l.p95(), l.p99(), l.p99() / first.p99())));
		});
		latencies.forEach((variant, byScale) -> {
			List<Integer> measured = new ArrayList<>(byScale.keySet());
			int first = measured.get(0);
			int last = measured.get(measured.size() - 1);
			double ratio = byScale.get(last).p99() / byScale.get(first).p99();
			goal.append(String.format(Locale.ROOT, "%nITI-67 p99 at %,d / at %,d stored (%s): %.2f (goal: at most 1.5 from 1k to 100k: %s)%n",
					last, first, variant.replace(ProvideBundleBuilder.VOLVEN_9602 + "|", ""), ratio,
					ratio <= 1.5 ? (last >= 100_000 ? "met" : "met up to " + String.format(Locale.ROOT, "%,d", last)) : "not met"));
		});
		return goal.toString();
	}

	/** Issue 9's goal for the audit record, as this run measured it. */
	private String auditGoal() {
		StringBuilder goal = new StringBuilder();
		for (Target target : targets) {
			Double share = table.value("Share of ITI-67 request CPU (JFR): " + CpuProfile.AUDIT + " (%)", target);
			if (target.ours && share != null && !share.isNaN()) {
				goal.append(String.format(Locale.ROOT, "%nAudit share of ITI-67 request CPU (JFR), %s: %.0f %% (goal: 10 %% or less: %s)%n",
						target.name, share, share <= 10 ? "met" : "not met"));
			}
		}
		return goal.toString();
	}

	private static double mb(long bytes) {
		return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String encodeValues(String query) {
		StringBuilder encoded = new StringBuilder();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (encoded.length() > 0) encoded.append('&');
			encoded.append(pair, 0, eq + 1).append(enc(pair.substring(eq + 1)));
		}
		return encoded.toString();
	}
}
