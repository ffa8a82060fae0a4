package no.dokumentdeling.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Dockerfile's structure, where it matters and no Docker daemon is needed: a Maven build stage and a JRE run
 * stage, Spring Boot's layers copied one by one, a numeric non-root user that the chart's runAsUser names, and the
 * same heap share as the chart. (The image itself is not built here: this machine has no Docker.)
 */
class DockerfileTest {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	@Test
	void buildsWithMavenAndRunsOnAJre() throws IOException {
		List<String> stages = instructions("FROM");
		assertThat(stages).hasSize(2);
		assertThat(stages.get(0)).startsWith("maven:").contains("temurin-17").endsWith(" AS build");
		assertThat(stages.get(1)).isEqualTo("eclipse-temurin:25-jre");
	}

	@Test
	void copiesSpringBootsLayersFromLeastToMostChanging() throws IOException {
		assertThat(dockerfile()).contains("java -Djarmode=tools -jar target/dokumentdeling.jar extract --layers --destination /extracted");
		assertThat(instructions("COPY")).filteredOn(c -> c.startsWith("--from=build")).containsExactly(
				"--from=build /extracted/dependencies/ ./",
				"--from=build /extracted/spring-boot-loader/ ./",
				"--from=build /extracted/snapshot-dependencies/ ./",
				"--from=build /extracted/application/ ./");
		assertThat(instructions("ENTRYPOINT")).containsExactly(
				"[\"java\", \"-XX:AOTCache=/app/app.aot\", \"-jar\", \"dokumentdeling.jar\"]");
	}

	@Test
	void everyStartMapsTheAotCacheOfATrainingStartOfTheSameJar() throws IOException {
		String training = instructions("RUN").stream().filter(r -> r.contains("-XX:AOTCacheOutput=")).findFirst().orElseThrow();
		// The training start runs the image's own jar, migrated first, to the end of the Spring context.
		assertThat(training).contains("java -jar dokumentdeling.jar --dokumentdeling.migrate-only=true")
				.contains("java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar dokumentdeling.jar");
		// On the command line, where the chart's JAVA_TOOL_OPTIONS (values.yaml, javaOpts) do not replace it.
		assertThat(instructions("WORKDIR")).last().isEqualTo("/app");
		assertThat(instructions("ENTRYPOINT")).singleElement().asString().contains("\"-XX:AOTCache=/app/app.aot\"");
	}

	@Test
	void runsAsTheNumericNonRootUserTheChartExpects() throws IOException {
		Map<String, Object> values = new Yaml().load(Files.readString(HelmChartTest.CHART.resolve("values.yaml")));
		@SuppressWarnings("unchecked")
		Object runAsUser = ((Map<String, Object>) values.get("podSecurityContext")).get("runAsUser");
		assertThat(instructions("USER")).containsExactly(runAsUser + ":" + runAsUser);
		assertThat(runAsUser).isNotEqualTo(0);
	}

	@Test
	void jvmFlagsAreInTheImageAndAgreeWithTheChart() throws IOException {
		String imageOptions = instructions("ENV").stream().filter(e -> e.startsWith("JAVA_TOOL_OPTIONS=")).findFirst().orElseThrow();
		assertThat(imageOptions).contains("-XX:+ExitOnOutOfMemoryError");
		Map<String, Object> values = new Yaml().load(Files.readString(HelmChartTest.CHART.resolve("values.yaml")));
		assertThat(maxRamPercentage(imageOptions)).isEqualTo(maxRamPercentage((String) values.get("javaOpts")));
	}

	private static String maxRamPercentage(String options) {
		Matcher matcher = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
		assertThat(matcher.find()).as(options).isTrue();
		return matcher.group(1);
	}

	/** The arguments of each instruction of this kind, continuation lines joined. */
	private static List<String> instructions(String keyword) throws IOException {
		return dockerfile().replace("\\\n", " ").lines()
				.map(String::strip)
				.filter(line -> line.startsWith(keyword + " "))
				.map(line -> line.substring(keyword.length() + 1).strip())
				.toList();
	}

	private static String dockerfile() throws IOException {
		return Files.readString(DOCKERFILE);
	}
}
