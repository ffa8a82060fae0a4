package no.dokumentdeling.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;

/**
 * {@code make bench}: the server in its own JVM on embedded PostgreSQL (or H2 with {@code -Dbench.db=h2}), loaded
 * through ITI-65 by a few concurrent clients, then measured: ITI-65 bundles/s, ITI-67 p50/p99 at each scale of stored
 * DocumentReferences, ITI-68 MB/s for 1 MB documents, server RSS. Prints one table and writes it to
 * {@code target/bench/}. Not a test: numbers depend on the machine.
 *
 * <p>System properties: {@code bench.db} (postgres|h2), {@code bench.scales} (default 1000,10000; add 100000 for the
 * large run), {@code bench.docsPerPatient} (10), {@code bench.clients} (4), {@code bench.queries} (300 per scale),
 * {@code bench.heap} (server -Xmx, 1g).
 */
public final class Benchmark {

	static final String FNR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.1";

	private final String db = System.getProperty("bench.db", "postgres");
	private final int[] scales = Arrays.stream(System.getProperty("bench.scales", "1000,10000").split(","))
			.map(String::trim).mapToInt(Integer::parseInt).toArray();
	private final int docsPerPatient = Integer.getInteger("bench.docsPerPatient", 10);
	private final int clients = Integer.getInteger("bench.clients", 4);
	private final int queries = Integer.getInteger("bench.queries", 300);
	private final String heap = System.getProperty("bench.heap", "1g");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final List<String> patients = Collections.synchronizedList(new ArrayList<>());
	private final Random random = new Random(65);
	private final List<String> rows = new ArrayList<>();
	private ServerProcess server;

	public static void main(String[] args) throws Exception {
		// Outside Spring Boot, logback logs everything at DEBUG; the table is what matters here.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
				.setLevel(ch.qos.logback.classic.Level.WARN);
		new Benchmark().run();
		// Embedded PostgreSQL and HTTP client threads: end the JVM deliberately.
		System.exit(0);
	}

	private void run() throws Exception {
		TestDatabase database = "h2".equalsIgnoreCase(db)
				? TestDatabase.emptyH2File().migrated()
				: TestDatabase.postgres();
		long startedAt = System.nanoTime();
		server = ServerProcess.start(database, List.of("-Xmx" + heap, "-XX:+UseG1GC"), Map.of(
				"logging.level.root", "WARN",
				"management.endpoints.web.exposure.include", "health,loggers"), Duration.ofMinutes(5));
		double startupSeconds = (System.nanoTime() - startedAt) / 1e9;
		System.out.printf(Locale.ROOT, "Server on %s started in %.1f s (pid %d, log %s)%n", database.kind(),
				startupSeconds, server.pid(), server.log());
		try {
			row("Server startup to first /metadata", String.format(Locale.ROOT, "%.1f s", startupSeconds));
			int stored = 0;
			for (int scale : scales) {
				Load load = load(stored, scale);
				stored = scale;
				row(String.format(Locale.ROOT, "ITI-65 bundles/s, loading %,d -> %,d DocumentReferences (%d clients)",
						load.from, load.to, clients), String.format(Locale.ROOT, "%.0f", load.bundlesPerSecond));
				for (String variant : List.of("status=current&_sort=-date", "status=current&category="
						+ ProvideBundleBuilder.VOLVEN_9602 + "|A00-1&_sort=-date")) {
					double[] latency = searchLatencies(variant);
					row(String.format(Locale.ROOT, "ITI-67 p50 / p99 at %,d DocumentReferences (patient.identifier&%s)",
							scale, variant.replace(ProvideBundleBuilder.VOLVEN_9602 + "|", "")),
							String.format(Locale.ROOT, "%.1f / %.1f ms", latency[0], latency[1]));
				}
				row(String.format(Locale.ROOT, "Server RSS at %,d DocumentReferences", scale), mb(server.residentBytes()));
			}
			row("ITI-68 MB/s, 1 MB documents (2 clients)", String.format(Locale.ROOT, "%.0f", retrieveMegabytesPerSecond()));
			row("Server RSS at the end", mb(server.residentBytes()));
			String plan = "postgres".equalsIgnoreCase(db) ? new QueryPlan(server, database, http).capture(patients.get(0)) : "";
			write(database, plan);
		} finally {
			server.close();
		}
	}

	private record Load(int from, int to, double bundlesPerSecond) {}

	/** Publishes documents (one per ITI-65 bundle) until {@code to} are stored; each client owns its patients. */
	private Load load(int from, int to) throws Exception {
		int patientsNeeded = (to - from + docsPerPatient - 1) / docsPerPatient;
		List<String> newPatients = new ArrayList<>();
		for (int i = 0; i < patientsNeeded; i++) {
			newPatients.add(SyntheticFodselsnummer.next());
		}
		AtomicLong bundles = new AtomicLong();
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			int client = c;
			work.add(pool.submit(() -> {
				Random own = new Random(client);
				for (int p = client; p < newPatients.size(); p += clients) {
					for (int d = 0; d < docsPerPatient; d++) {
						publish(newPatients.get(p), own);
						bundles.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		patients.addAll(newPatients);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "Loaded %,d bundles in %.1f s%n", bundles.get(), seconds);
		return new Load(from, from + (int) bundles.get(), bundles.get() / seconds);
	}

	private void publish(String fnr, Random own) throws IOException, InterruptedException {
		boolean radiology = own.nextInt(4) == 0;
		byte[] text = new byte[20 * 1024];
		for (int i = 0; i < text.length; i++) {
			text[i] = (byte) ('a' + own.nextInt(26));
		}
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withDocument(
				radiology ? "E00-1" : "A00-1", radiology ? "E01-2" : "A03-2", "text/plain", text);
		bundle.last().setDate(new Date(System.currentTimeMillis() - own.nextInt(3 * 365) * 86_400_000L));
		post(bundle.json());
	}

	private void post(String json) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()))
				.header("Content-Type", "application/fhir+json").header("Authorization", BenchTokens.source()).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("ITI-65 answered " + response.statusCode() + ": " + response.body());
		}
	}

	/** p50 and p99 in ms of the common ITI-67 query for random patients, after a warm-up. */
	private double[] searchLatencies(String rest) throws Exception {
		for (int i = 0; i < Math.min(100, queries); i++) {
			search(rest);
		}
		long[] nanos = new long[queries];
		for (int i = 0; i < queries; i++) {
			nanos[i] = search(rest);
		}
		Arrays.sort(nanos);
		return new double[] {nanos[queries / 2] / 1e6, nanos[Math.min(queries - 1, (int) Math.ceil(queries * 0.99) - 1)] / 1e6};
	}

	private long search(String rest) throws IOException, InterruptedException {
		String fnr = patients.get(random.nextInt(patients.size()));
		String query = "patient.identifier=" + enc(FNR_SYSTEM + "|" + fnr) + "&" + encodeValues(rest);
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/DocumentReference?" + query))
				.header("Accept", "application/fhir+json").header("Cache-Control", "no-cache")
				.header("Authorization", BenchTokens.reader()).build(),
				HttpResponse.BodyHandlers.ofString());
		long elapsed = System.nanoTime() - start;
		if (response.statusCode() != 200 || !response.body().contains("\"searchset\"")) {
			throw new IllegalStateException("ITI-67 answered " + response.statusCode() + ": " + response.body());
		}
		return elapsed;
	}

	/** Publishes 20 documents of 1 MB, then two clients fetch each 5 times; MB/s over the wall time. */
	private double retrieveMegabytesPerSecond() throws Exception {
		String fnr = SyntheticFodselsnummer.next();
		List<String> urls = new ArrayList<>();
		Random bytes = new Random(68);
		for (int i = 0; i < 20; i++) {
			byte[] document = new byte[1024 * 1024];
			bytes.nextBytes(document);
			post(ProvideBundleBuilder.forPatient(fnr).withDocument("A00-1", "A03-2", "application/pdf", document).json());
		}
		String searchset = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/DocumentReference?patient.identifier="
				+ fnr + "&_count=50")).header("Cache-Control", "no-cache").header("Authorization", BenchTokens.reader()).build(), HttpResponse.BodyHandlers.ofString()).body();
		var matcher = java.util.regex.Pattern.compile("\"url\"\\s*:\\s*\"([^\"]*/Binary/[^\"]+)\"").matcher(searchset);
		while (matcher.find()) {
			urls.add(matcher.group(1));
		}
		for (String url : urls) {
			fetch(url); // warm-up
		}
		AtomicLong total = new AtomicLong();
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<?>> work = new ArrayList<>();
		for (int c = 0; c < 2; c++) {
			work.add(pool.submit(() -> {
				for (int round = 0; round < 5; round++) {
					for (String url : urls) {
						total.addAndGet(fetch(url));
					}
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - start) / 1e9;
		return total.get() / 1e6 / seconds;
	}

	private long fetch(String url) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "*/*").header("Authorization", BenchTokens.reader()).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long count = 0;
		try (InputStream in = response.body()) {
			byte[] buffer = new byte[64 * 1024];
			for (int n; (n = in.read(buffer)) > 0; ) {
				count += n;
			}
		}
		if (response.statusCode() != 200 || count != 1024 * 1024) {
			throw new IllegalStateException("ITI-68 answered " + response.statusCode() + " with " + count + " bytes");
		}
		return count;
	}

	private void row(String what, String value) {
		rows.add("| " + what + " | " + value + " |");
		System.out.println(what + ": " + value);
	}

	private void write(TestDatabase database, String plan) throws IOException {
		StringBuilder out = new StringBuilder();
		out.append("# dokumentdeling benchmark, ").append(Instant.now()).append("\n\n");
		out.append("Database: ").append(database.kind()).append("; server JVM -Xmx").append(heap)
				.append("; ").append(clients).append(" loading clients; ").append(docsPerPatient)
				.append(" documents (20 KB text) per patient, one per ITI-65 bundle; ").append(queries)
				.append(" ITI-67 queries per scale after 100 warm-up queries, Cache-Control: no-cache.\n\n");
		out.append("| Measure | Result |\n|---|---|\n");
		rows.forEach(r -> out.append(r).append('\n'));
		out.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
				.append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name")).append(")\n");
		if (!plan.isEmpty()) {
			out.append("\n## Query plan of the common ITI-67 query\n\n```\n").append(plan).append("\n```\n");
		}
		Path dir = Path.of("target", "bench");
		Files.createDirectories(dir);
		String name = "bench-" + database.kind().toLowerCase(Locale.ROOT) + ".md";
		Files.writeString(dir.resolve(name), out);
		System.out.println();
		System.out.println(out);
		System.out.println("Written to " + dir.resolve(name).toAbsolutePath());
	}

	private static String mb(long bytes) {
		return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String encodeValues(String query) {
		StringBuilder out = new StringBuilder();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (out.length() > 0) out.append('&');
			out.append(pair, 0, eq + 1).append(enc(pair.substring(eq + 1)));
		}
		return out.toString();
	}
}
