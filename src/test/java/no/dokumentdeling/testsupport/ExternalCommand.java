package no.dokumentdeling.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program outside the JVM that a test drives (headless Chromium, newman), installed by the Makefile's
 * {@code test-tools} prerequisite. Runs with a time limit; its output is kept for the assertion message.
 *
 * @param exitCode the program's exit code
 * @param output what it printed on stdout and stderr, interleaved
 */
public record ExternalCommand(int exitCode, String output) {

	public static ExternalCommand run(Duration limit, List<String> command) {
		Path program = Path.of(command.get(0));
		assertThat(Files.isExecutable(program))
				.as("%s is missing: 'make test-tools' installs it (make test does so first)", program)
				.isTrue();
		try {
			Path log = Files.createTempFile("dokumentdeling-external", ".log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor();
				throw new AssertionError(program + " did not finish within " + limit + ":\n" + Files.readString(log));
			}
			String output = Files.readString(log, StandardCharsets.UTF_8);
			Files.delete(log);
			return new ExternalCommand(process.exitValue(), output);
		} catch (IOException e) {
			throw new AssertionError("Cannot run " + command, e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while running " + program, e);
		}
	}
}
