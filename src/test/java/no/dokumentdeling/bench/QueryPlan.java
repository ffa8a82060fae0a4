package no.dokumentdeling.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.ServerProcess;
import no.dokumentdeling.testsupport.TestDatabase;

/**
 * The PostgreSQL plans of the SQL one common ITI-67 request runs ({@code patient.identifier + status + category +
 * _sort=-date}). The SQL is what HAPI really sent: Hibernate's SQL and bind-parameter loggers are switched on
 * through the actuator for that one request, read back from the server log, and each SELECT is run again under
 * {@code EXPLAIN (ANALYZE, BUFFERS)} with its parameters inlined, right after an {@code ANALYZE}, and once more, whose
 * planning and execution times follow: the first planning reads the new statistics, the second is what planning
 * costs once they are read.
 */
final class QueryPlan {

	private static final List<String> LOGGERS = List.of("org.hibernate.SQL", "org.hibernate.orm.jdbc.bind");
	private static final Pattern SQL = Pattern.compile("org\\.hibernate\\.SQL\\s*:\\s*(select .*)$", Pattern.CASE_INSENSITIVE);
	private static final Pattern BIND = Pattern.compile("binding parameter \\((?:\\[)?(\\d+)(?::(\\w+))?.*?\\) <- \\[(.*)]$");

	private final ServerProcess server;
	private final TestDatabase database;
	private final HttpClient http;

	QueryPlan(ServerProcess server, TestDatabase database, HttpClient http) {
		this.server = server;
		this.database = database;
		this.http = http;
	}

	String capture(String fnr) {
		try {
			long logStart = Files.size(server.log());
			setLevels("TRACE");
			String query = "patient.identifier=" + Benchmark.enc(Benchmark.FNR_SYSTEM + "|" + fnr) + "&status=current&category="
					+ Benchmark.enc(ProvideBundleBuilder.VOLVEN_9602 + "|A00-1") + "&_sort=-date";
			http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/DocumentReference?" + query))
					.header("Cache-Control", "no-cache").header("Authorization", BenchTokens.reader()).build(),
					HttpResponse.BodyHandlers.discarding());
			setLevels(null);
			String log = Files.readString(server.log()).substring((int) logStart);
			StringBuilder out = new StringBuilder("GET [base]/DocumentReference?" + java.net.URLDecoder.decode(query, java.nio.charset.StandardCharsets.UTF_8) + "\n");
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
					Statement statement = connection.createStatement()) {
				statement.execute("ANALYZE");
				for (String sql : statements(log)) {
					out.append("\n-- ").append(sql).append('\n');
					try {
						try (ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
							while (plan.next()) {
								out.append(plan.getString(1)).append('\n');
							}
						}
						StringBuilder times = new StringBuilder();
						try (ResultSet again = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
							while (again.next()) {
								String line = again.getString(1);
								if (line.startsWith("Planning Time") || line.startsWith("Execution Time")) {
									times.append(times.length() == 0 ? "" : ", ").append(line);
								}
							}
						}
						out.append("Explained again: ").append(times).append('\n');
					} catch (SQLException e) {
						out.append("(not explained: ").append(e.getMessage().lines().findFirst().orElse("")).append(")\n");
					}
				}
			}
			return out.toString();
		} catch (IOException | SQLException e) {
			return "Query plan not captured: " + e;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "Query plan not captured: interrupted";
		}
	}

	/** Each logged SELECT with the parameters bound after it inlined as literals. */
	static Set<String> statements(String log) {
		Set<String> statements = new LinkedHashSet<>();
		String sql = null;
		List<String> parameters = new ArrayList<>();
		for (String line : log.split("\n")) {
			Matcher select = SQL.matcher(line.trim());
			if (select.find()) {
				if (sql != null) statements.add(inline(sql, parameters));
				sql = select.group(1);
				parameters.clear();
				continue;
			}
			Matcher bind = BIND.matcher(line.trim());
			if (bind.find() && sql != null) {
				String type = bind.group(2) == null ? "" : bind.group(2);
				String value = bind.group(3);
				// Hibernate names the JDBC type; ids of Patient (FHIR_ID) are digits in a varchar column.
				boolean numeric = type.isEmpty() ? value.matches("-?\\d+") : type.matches("BIGINT|INTEGER|SMALLINT|NUMERIC|DOUBLE|FLOAT");
				parameters.add(numeric ? value : "'" + value.replace("'", "''") + "'");
			}
		}
		if (sql != null) statements.add(inline(sql, parameters));
		return statements;
	}

	private static String inline(String sql, List<String> parameters) {
		StringBuilder out = new StringBuilder();
		int next = 0;
		for (char c : sql.toCharArray()) {
			if (c == '?' && next < parameters.size()) {
				out.append(parameters.get(next++));
			} else {
				out.append(c);
			}
		}
		return out.toString();
	}

	private void setLevels(String level) throws IOException, InterruptedException {
		String root = server.baseUrl().replace("/fhir", "");
		for (String logger : LOGGERS) {
			String body = level == null ? "{}" : "{\"configuredLevel\":\"" + level + "\"}";
			http.send(HttpRequest.newBuilder(URI.create(root + "/actuator/loggers/" + logger))
					.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
					HttpResponse.BodyHandlers.discarding());
		}
	}
}
