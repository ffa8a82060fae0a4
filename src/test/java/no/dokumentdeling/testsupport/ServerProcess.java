package no.dokumentdeling.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.dokumentdeling.DokumentdelingApplication;

/**
 * The application in a JVM of its own (its own heap limit and RSS), on a given database, started from the test
 * classpath. For tests about memory, exit codes and the benchmark; ordinary tests use the in-JVM {@link TestServer}.
 */
public final class ServerProcess implements AutoCloseable {

	/**
	 * How long a start (or a run that is meant to end) may take. Generous, since a test class starting servers in
	 * their own JVMs shares the 2-core build machine with the other test JVM of the run (surefire's forkCount) and
	 * with whatever else runs there; a start seldom takes more than two minutes even then.
	 */
	public static final Duration PATIENCE = Duration.ofMinutes(10);

	private final Process process;
	private final Path log;
	private final int port;
	private final Path javaHome;

	private ServerProcess(Process process, Path log, int port, Path javaHome) {
		this.process = process;
		this.log = log;
		this.port = port;
		this.javaHome = javaHome;
	}

	/**
	 * Starts the server and waits until {@code /fhir/metadata} answers.
	 *
	 * @param jvmOptions e.g. {@code -Xmx256m}
	 * @param properties extra Spring properties
	 */
	public static ServerProcess start(TestDatabase database, List<String> jvmOptions, Map<String, String> properties,
			Duration startupTimeout) throws IOException, InterruptedException {
		return start(Launch.thisApplication(), database, jvmOptions, properties, startupTimeout);
	}

	/**
	 * What to run: a JVM ({@code javaHome}) and what follows its options, e.g. {@code -cp <classpath> <main class>}
	 * or {@code -jar <jar>}. The benchmark runs other builds, another JVM and a plain HAPI server this way.
	 */
	public record Launch(Path javaHome, List<String> target) {

		/** This application from the test classpath, on the JVM running the tests. */
		public static Launch thisApplication() {
			return mainClass(DokumentdelingApplication.class.getName());
		}

		/** A main class from the test classpath, on the JVM running the tests. */
		public static Launch mainClass(String mainClass) {
			// Under surefire java.class.path is a manifest-only jar; this property holds the real classpath.
			return new Launch(Path.of(System.getProperty("java.home")), List.of("-cp",
					System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), mainClass));
		}

		public Launch on(Path otherJavaHome) {
			return new Launch(otherJavaHome, target);
		}

		Path java() {
			return javaHome.resolve("bin").resolve("java");
		}
	}

	/** Starts what {@code launch} names on {@code database} and waits until {@code /fhir/metadata} answers. */
	public static ServerProcess start(Launch launch, TestDatabase database, List<String> jvmOptions,
			Map<String, String> properties, Duration startupTimeout) throws IOException, InterruptedException {
		int port = freePort();
		Path log = Files.createTempFile("dokumentdeling-server-", ".log");
		List<String> command = command(launch, database, jvmOptions, properties);
		command.add("--server.port=" + port);
		// The actuator on the API port: the benchmark reads the loggers endpoint there.
		command.add("--management.server.port=" + port);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServerProcess server = new ServerProcess(process, log, port, launch.javaHome());
		try {
			server.awaitStarted(startupTimeout);
		} catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
			server.close();
			throw e;
		}
		return server;
	}

	/** How a run of the application that is meant to end (a migrate-only start, a refused start) ended. */
	public record Exit(int code, String log) {}

	/** Runs the application with {@code properties} until it exits by itself, within {@code timeout}. */
	public static Exit run(TestDatabase database, Map<String, String> properties, Duration timeout)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("dokumentdeling-run-", ".log");
		List<String> command = command(Launch.thisApplication(), database, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"),
				properties);
		command.add("--server.port=0");
		command.add("--management.server.port=0");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new AssertionError("The application did not exit within " + timeout + ": " + Files.readString(log));
		}
		return new Exit(process.exitValue(), Files.readString(log));
	}

	/** The java command line of the application on {@code database}, trusting the test issuers. */
	private static List<String> command(Launch launch, TestDatabase database, List<String> jvmOptions,
			Map<String, String> properties) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(launch.java().toString());
		command.addAll(jvmOptions);
		command.add("-XX:+ExitOnOutOfMemoryError");
		// Its Tomcat work directories where this JVM keeps its temporary files (under a test run: target/tmp).
		command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
		command.addAll(launch.target());
		// A text log: the benchmark and the tests read its lines (SQL, the refusal messages).
		command.add("--logging.structured.format.console=");
		command.add("--spring.datasource.url=" + database.jdbcUrl());
		command.add("--spring.datasource.username=" + database.username());
		command.add("--spring.datasource.password=" + database.password());
		command.add("--spring.main.banner-mode=off");
		command.add("--dokumentdeling.storage.directory=" + Files.createTempDirectory("dokumentdeling-documents"));
		command.add("--server.address=127.0.0.1");
		TestServer.trustedIssuers().forEach((k, v) -> command.add("--" + k + "=" + v));
		properties.forEach((k, v) -> command.add("--" + k + "=" + v));
		return command;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + port + "/fhir";
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public Path log() {
		return log;
	}

	/** The JDK or JRE the server runs on (its {@code jcmd} talks to the server). */
	public Path javaHome() {
		return javaHome;
	}

	/**
	 * CPU time the server process has used so far, user plus system, in seconds (Linux {@code /proc/<pid>/stat}), or
	 * -1 when unknown.
	 */
	public double cpuSeconds() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
			// Fields after the command name, which is in parentheses and may itself contain spaces.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks / (double) CLOCK_TICKS_PER_SECOND;
		} catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	/** Linux's USER_HZ, 100 on every architecture the JDK runs on. */
	private static final int CLOCK_TICKS_PER_SECOND = 100;

	/** Resident set size of the server process in bytes (Linux), or -1 when unknown. */
	public long residentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		} catch (IOException | NumberFormatException e) {
			return -1;
		}
		return -1;
	}

	private void awaitStarted(Duration timeout) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("The server process exited during startup: " + Files.readString(log));
			}
			try {
				HttpRequest metadata = HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata"))
						.timeout(Duration.ofSeconds(5)).build();
				if (client.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			} catch (IOException notYet) {
				// still starting
			}
			Thread.sleep(500);
		}
		throw new AssertionError("The server process did not answer within " + timeout + "; log: " + log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** SIGKILL, as a crash or an OOM killer would: no shutdown hook, no commit of what is in flight. */
	public void kill() throws InterruptedException {
		process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}
}
