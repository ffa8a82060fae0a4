package no.dokumentdeling.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart, linted and rendered by the real helm (helm-java bundles it) with the values of a production
 * install ({@code ci/test-values.yaml}), and what the rendered manifests must hold: probes, the restricted security
 * context, the migration hook, the issuers as configuration, the test hook; and what an install without the required
 * values gets.
 */
class HelmChartTest {

	static final Path CHART = Path.of("helm", "dokumentdeling");
	private static final Path CI_VALUES = CHART.resolve("ci").resolve("test-values.yaml");

	/** Renamed so helm renders hooks as plain manifests; {@link #parse} names them back. */
	private static final String UNHOOKED = "unhooked.helm.sh/";

	private static List<Map<String, Object>> manifests;

	/**
	 * helm-java's template, like the manifest of {@code helm install --dry-run}, leaves out hooks (the migration Job,
	 * the test pod): render a copy of the chart whose hook annotations are renamed, so they come out as manifests.
	 */
	@BeforeAll
	static void render(@TempDir Path copy) throws IOException {
		copyChart(copy);
		try (Stream<Path> templates = Files.walk(copy.resolve("templates"))) {
			for (Path template : templates.filter(Files::isRegularFile).toList()) {
				Files.writeString(template, Files.readString(template).replace("\"helm.sh/", "\"" + UNHOOKED));
			}
		}
		manifests = parse(new Helm(copy).template().withName("dd").withNamespace("helse").withValuesFile(CI_VALUES.toAbsolutePath()).call());
		assertThat(manifests).extracting(m -> m.get("kind")).contains("Job", "Pod");
	}

	@Test
	void chartLintsCleanlyWithAProductionInstallsValues(@TempDir Path copy) throws IOException {
		// helm lint reads the chart's own values.yaml, whose required values are empty: lint a copy that has them.
		copyChart(copy);
		Map<String, Object> values = yaml(copy.resolve("values.yaml"));
		deepMerge(values, yaml(CI_VALUES));
		Files.writeString(copy.resolve("values.yaml"), new Yaml().dump(values));

		LintResult lint = new Helm(copy).lint().strict().call();

		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
		assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
	}

	@Test
	void anInstallWithoutPublicBaseUrlFails() {
		assertThatThrownBy(() -> new Helm(CHART).template().withName("dd")
				.set("database.url", "jdbc:postgresql://postgres:5432/dokumentdeling")
				.set("database.existingSecret", "dokumentdeling-db")
				.set("security.issuers[0].issuer", "https://helseid-sts.test.nhn.no")
				.set("security.issuers[0].jwksUri", "https://helseid-sts.test.nhn.no/jwks")
				.call())
				.hasMessageContaining("publicBaseUrl");
	}

	@Test
	void anInstallWithoutDatabaseOrIssuersFails() {
		assertThatThrownBy(() -> new Helm(CHART).template().withName("dd")
				.set("publicBaseUrl", "https://dokumentdeling.example.no/fhir").call())
				.hasMessageContaining("database")
				.hasMessageContaining("issuers");
	}

	@Test
	void replicasProbeTheManagementPortAndShutDownGracefully() {
		Map<String, Object> pod = podSpec(only("Deployment"));
		Map<String, Object> container = firstContainer(pod);

		assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
		assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(at(container, probe, "httpGet", "port")).isEqualTo("management");
		}
		assertThat(at(container, "lifecycle", "preStop", "exec", "command")).isEqualTo(List.of("sleep", "10"));
		// preStop, then up to 30 s of graceful shutdown, within the grace period.
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(10 + 30);
		assertThat(config()).extracting(c -> at(c, "spring", "lifecycle", "timeout-per-shutdown-phase"),
				c -> at(c, "server", "shutdown"), c -> at(c, "management", "server", "port"))
				.containsExactly("30s", "graceful", 8081);
		// The HPA decides the number of replicas.
		assertThat(map(only("Deployment"), "spec")).doesNotContainKey("replicas");
	}

	@Test
	void podsRunRestrictedNonRootReadOnlyWithoutAServiceAccountToken() {
		for (Map<String, Object> pod : List.of(podSpec(only("Deployment")), podSpec(only("Job")), map(only("Pod"), "spec"))) {
			assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
			assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
			assertThat(at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
			Map<String, Object> container = firstContainer(pod);
			assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
			assertThat(at(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
		}
		assertThat(only("ServiceAccount").get("automountServiceAccountToken")).isEqualTo(false);
		Map<String, Object> server = podSpec(only("Deployment"));
		assertThat(list(firstContainer(server), "volumeMounts")).anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp").containsEntry("name", "tmp"));
		assertThat(list(server, "volumes")).anySatisfy(v -> assertThat(v).containsEntry("name", "tmp").containsKey("emptyDir"));
	}

	@Test
	void memoryLimitLeavesRoomBesideTheHeap() {
		Map<String, Object> container = firstContainer(podSpec(only("Deployment")));
		assertThat(at(container, "resources", "limits", "memory")).isEqualTo("2Gi");
		assertThat(at(container, "resources", "requests", "memory")).isEqualTo("2Gi");
		assertThat(env(container).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=60").contains("-XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void theMigrationJobRunsMigrateOnlyBeforeInstallAndUpgradeWithTheServersImageAndDatabase() {
		Map<String, Object> job = only("Job");
		assertThat(map(job, "metadata", "annotations")).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
				.containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
		Map<String, Object> migrate = firstContainer(podSpec(job));
		Map<String, Object> server = firstContainer(podSpec(only("Deployment")));
		assertThat(migrate.get("args")).isEqualTo(List.of("--dokumentdeling.migrate-only=true"));
		assertThat(migrate.get("image")).isEqualTo(server.get("image")).isEqualTo("dokumentdeling:" + chartAppVersion());
		assertThat(env(migrate)).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/dokumentdeling");
		assertThat(list(migrate, "env")).filteredOn(e -> e.get("name").equals("SPRING_DATASOURCE_PASSWORD"))
				.singleElement().satisfies(e -> assertThat(at(e, "valueFrom", "secretKeyRef", "name")).isEqualTo("dokumentdeling-db"));
		// The Service, PDB and NetworkPolicy select the server's pods only, never the migration's.
		Map<String, Object> jobPodLabels = map(job, "spec", "template", "metadata", "labels");
		Map<String, Object> serverSelector = map(only("Service"), "spec", "selector");
		assertThat(jobPodLabels.entrySet().containsAll(serverSelector.entrySet())).as("%s selects %s", serverSelector, jobPodLabels).isFalse();
	}

	@Test
	void everyPodsConnectionPoolFitsWithinPostgresMaxConnections() {
		assertThat(env(firstContainer(podSpec(only("Deployment"))))).containsEntry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "10");
		assertThat(env(firstContainer(podSpec(only("Job"))))).containsEntry("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "10");
		// 20 x (6 replicas + 2 surge + 1 migration Job) = 180 connections, over PostgreSQL's default 100.
		assertThatThrownBy(() -> new Helm(CHART).template().withName("dd").withValuesFile(CI_VALUES.toAbsolutePath())
				.set("database.poolSize", "20").call())
				.hasMessageContaining("database.poolSize 20 x 9 pods").hasMessageContaining("database.maxConnections 100");
		assertThat(new Helm(CHART).template().withName("dd").withValuesFile(CI_VALUES.toAbsolutePath())
				.set("database.poolSize", "20").set("database.maxConnections", "200").call()).contains("\"20\"");
	}

	@Test
	void issuersAndThePublicBaseUrlAreConfigurationNotIndexedVariables() {
		Map<String, Object> config = config();
		assertThat(at(config, "dokumentdeling", "fhir", "public-base-url")).isEqualTo("https://dokumentdeling.example.no/fhir");
		assertThat(at(config, "dokumentdeling", "security", "issuers")).isEqualTo(List.of(Map.of(
				"issuer", "https://helseid-sts.test.nhn.no",
				"jwks-uri", "https://helseid-sts.test.nhn.no/.well-known/openid-configuration/jwks",
				"require-dpop", true)));
		Map<String, Object> server = firstContainer(podSpec(only("Deployment")));
		assertThat(env(server)).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:/config/application.yaml")
				.allSatisfy((name, value) -> assertThat(name).doesNotContain("ISSUERS"));
		assertThat(map(only("Deployment"), "spec", "template", "metadata", "annotations")).containsKey("checksum/config");
	}

	@Test
	void scalingDisruptionNetworkIngressAndMonitoringAreRendered() {
		assertThat(at(only("HorizontalPodAutoscaler"), "spec", "scaleTargetRef", "name")).isEqualTo("dd-dokumentdeling");
		assertThat(at(only("PodDisruptionBudget"), "spec", "minAvailable")).isEqualTo(1);
		Map<String, Object> policy = map(only("NetworkPolicy"), "spec");
		assertThat(policy.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		assertThat(list(policy, "egress")).extracting(rule -> list(rule, "ports").get(0).get("port")).contains(53, 5432, 443);
		assertThat(list(map(only("Ingress"), "spec"), "rules").get(0)).containsEntry("host", "dokumentdeling.example.no");
		assertThat(list(map(only("ServiceMonitor"), "spec"), "endpoints").get(0))
				.containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
	}

	@Test
	void helmTestCallsPingAndTheCapabilityStatement() {
		Map<String, Object> test = only("Pod");
		assertThat(map(test, "metadata", "annotations")).containsEntry("helm.sh/hook", "test");
		String script = String.join(" ", asStrings(firstContainer(map(test, "spec")).get("command")));
		assertThat(script).contains("http://dd-dokumentdeling:80/ping").contains("http://dd-dokumentdeling:80/fhir/metadata");
	}

	@Test
	void chartAppVersionIsThePomVersion() throws Exception {
		String pomVersion = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
				.getDocumentElement().getElementsByTagName("version").item(1).getTextContent();
		// item(0) is the parent's version; make sure item(1) is the project's own.
		assertThat(pomVersion).startsWith("0.");
		assertThat(chartAppVersion()).isEqualTo(pomVersion);
	}

	private static String chartAppVersion() {
		return String.valueOf(yaml(CHART.resolve("Chart.yaml")).get("appVersion"));
	}

	private static Map<String, Object> config() {
		return new Yaml().load((String) configMapData().get("application.yaml"));
	}

	private static Map<String, Object> configMapData() {
		return map(only("ConfigMap"), "data");
	}

	private static Map<String, Object> only(String kind) {
		List<Map<String, Object>> found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
		assertThat(found).as("rendered %s", kind).hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> podSpec(Map<String, Object> workload) {
		return map(workload, "spec", "template", "spec");
	}

	private static Map<String, Object> firstContainer(Map<String, Object> pod) {
		return list(pod, "containers").get(0);
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> values = new LinkedHashMap<>();
		list(container, "env").forEach(e -> values.put((String) e.get("name"), e.get("value") == null ? "" : String.valueOf(e.get("value"))));
		return values;
	}

	@SuppressWarnings("unchecked")
	private static Object at(Map<String, Object> map, String... path) {
		Object value = map;
		for (String key : path) {
			assertThat(value).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
			value = ((Map<String, Object>) value).get(key);
		}
		return value;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> map, String... path) {
		return (Map<String, Object>) at(map, path);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		return (List<Map<String, Object>>) map.get(key);
	}

	@SuppressWarnings("unchecked")
	private static List<String> asStrings(Object list) {
		return (List<String>) list;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> parse(String rendered) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(rendered)) {
			if (document instanceof Map<?, ?> manifest) {
				Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
				Map<String, Object> annotations = metadata == null ? null : (Map<String, Object>) metadata.get("annotations");
				if (annotations != null) {
					Map<String, Object> restored = new LinkedHashMap<>();
					annotations.forEach((key, value) -> restored.put(key.replace(UNHOOKED, "helm.sh/"), value));
					metadata.put("annotations", restored);
				}
				documents.add((Map<String, Object>) manifest);
			}
		}
		return documents;
	}

	private static Map<String, Object> yaml(Path file) {
		try {
			return new Yaml().load(Files.readString(file));
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@SuppressWarnings("unchecked")
	private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
		from.forEach((key, value) -> {
			if (value instanceof Map && into.get(key) instanceof Map) {
				deepMerge((Map<String, Object>) into.get(key), (Map<String, Object>) value);
			} else {
				into.put(key, value);
			}
		});
	}

	static void copyChart(Path target) throws IOException {
		try (Stream<Path> files = Files.walk(CHART)) {
			for (Path source : files.toList()) {
				Path destination = target.resolve(CHART.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(destination);
				} else {
					Files.copy(source, destination);
				}
			}
		}
	}
}
