package no.dokumentdeling.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;

/** The audit trail as an auditor reads it over HTTP, and documents to have something to audit. */
final class AuditRecords {

	private static final ObjectMapper JSON = new ObjectMapper();

	record Published(String fnr, String patientId, String documentId, String binaryId) {}

	static Published publish(TestServer server, String fnr) {
		JsonPath response = server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json()).post()
				.then().statusCode(200).extract().jsonPath();
		String binaryId = versionless(response.getString("entry[1].response.location"));
		String documentId = versionless(response.getString("entry[2].response.location"));
		String patientId = "Patient/" + server.asReader().get("/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr)
				.then().statusCode(200).extract().jsonPath().getString("entry[0].resource.id");
		return new Published(fnr, patientId, documentId, binaryId);
	}

	/** A lower bound for {@code date=ge...}, a second early so the server's rounding cannot cut off our records. */
	static String since(Instant start) {
		return start.truncatedTo(ChronoUnit.SECONDS).minusSeconds(1).toString();
	}

	/** The AuditEvents an auditor finds with {@code query}. */
	static List<JsonPath> search(TestServer server, String query) {
		JsonPath bundle = server.with(TestIssuer.dpop().auditor()).get("/AuditEvent?" + query + "&_count=200")
				.then().statusCode(200).extract().jsonPath();
		List<Map<String, Object>> resources = bundle.getList("entry.resource");
		return resources == null ? List.of() : resources.stream().map(AuditRecords::json).toList();
	}

	/** Those of them that carry this {@code nhn-event-id}: what one test caused, whatever else the trail holds. */
	static List<JsonPath> withEventId(TestServer server, String query, String eventId) {
		return search(server, query).stream().filter(event -> eventId.equals(detail(event, "nhn-event-id"))).toList();
	}

	static JsonPath single(List<JsonPath> events) {
		assertThat(events).as("audit records").hasSize(1);
		return events.get(0);
	}

	/** The value of the entity detail of this type, or null. */
	static String detail(JsonPath event, String type) {
		List<Map<String, Object>> details = event.getList("entity.detail.flatten()");
		return details == null ? null : details.stream()
				.filter(Objects::nonNull)
				.filter(d -> type.equals(d.get("type")))
				.map(d -> (String) d.get("valueString"))
				.filter(Objects::nonNull)
				.findFirst().orElse(null);
	}

	/** The recorded query of a search, decoded. */
	static String query(JsonPath event) {
		List<String> queries = event.getList("entity.query");
		String encoded = queries == null ? null : queries.stream().filter(Objects::nonNull).findFirst().orElse(null);
		return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
	}

	private static JsonPath json(Map<String, Object> resource) {
		try {
			return JsonPath.from(JSON.writeValueAsString(resource));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String versionless(String location) {
		String[] parts = location.split("/");
		return parts[0] + "/" + parts[1];
	}

	private AuditRecords() {}
}
