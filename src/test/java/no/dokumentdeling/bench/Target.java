package no.dokumentdeling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.TestDatabase;

/**
 * One server the benchmark measures: dokumentdeling (this build, another build's jar, or this build on another JVM)
 * or the plain HAPI baseline, in its own JVM on its own database, with the CPU time it spends in the rounds that are
 * its own.
 */
final class Target {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	final String name;
	final boolean ours;
	final BenchClient client;
	private final ServerProcess.Launch launch;
	private final List<String> jvmOptions;
	private final Map<String, String> properties;
	ServerProcess server;
	TestDatabase database;
	double startupSeconds;

	Target(String name, boolean ours, ServerProcess.Launch launch, List<String> jvmOptions, Map<String, String> properties) {
		this.name = name;
		this.ours = ours;
		this.client = ours ? BenchClient.dpop() : BenchClient.plain();
		this.launch = launch;
		this.jvmOptions = jvmOptions;
		this.properties = properties;
	}

	/** Starts the server on {@code database}; the time until {@code /fhir/metadata} first answers 200 is kept. */
	ServerProcess start(TestDatabase on) throws IOException, InterruptedException {
		return start(on, Map.of());
	}

	private ServerProcess start(TestDatabase on, Map<String, String> moreProperties) throws IOException, InterruptedException {
		Map<String, String> all = new HashMap<>(properties);
		all.putAll(moreProperties);
		long startedAt = System.nanoTime();
		ServerProcess started = ServerProcess.start(launch, on, jvmOptions, all, Duration.ofMinutes(15));
		startupSeconds = (System.nanoTime() - startedAt) / 1e9;
		return started;
	}

	void startForLoad(TestDatabase on) throws IOException, InterruptedException {
		startForLoad(on, Map.of());
	}

	/** As {@link #startForLoad(TestDatabase)}, with properties known only now (another server's URL). */
	void startForLoad(TestDatabase on, Map<String, String> moreProperties) throws IOException, InterruptedException {
		database = on;
		server = start(on, moreProperties);
	}

	String baseUrl() {
		return server.baseUrl();
	}

	/** Spring Boot's own "Started ... in N seconds" from the server log, or NaN. */
	static double springStartedSeconds(ServerProcess server) {
		try {
			Matcher m = STARTED.matcher(Files.readString(server.log()));
			return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
		} catch (IOException e) {
			return Double.NaN;
		}
	}

	/** The size of the target's PostgreSQL database in bytes, after a checkpoint; -1 on H2. */
	long databaseBytes() {
		if (!database.jdbcUrl().startsWith("jdbc:postgresql:")) {
			return -1;
		}
		try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
				Statement s = c.createStatement()) {
			try (ResultSet r = s.executeQuery("SELECT pg_database_size(current_database())")) {
				r.next();
				return r.getLong(1);
			}
		} catch (SQLException e) {
			return -1;
		}
	}

	/** Runs {@code work} as one of this target's rounds and returns the CPU seconds the server used meanwhile. */
	double cpuOf(Work work) throws Exception {
		double before = server.cpuSeconds();
		work.run();
		return server.cpuSeconds() - before;
	}

	interface Work {
		void run() throws Exception;
	}

	/** ABBA order: round 0 in the given order, round 1 reversed, and so on, so no target always goes first. */
	static List<Target> order(List<Target> targets, int round) {
		List<Target> ordered = new ArrayList<>(targets);
		if (round % 2 == 1) {
			java.util.Collections.reverse(ordered);
		}
		return ordered;
	}
}
