package no.dokumentdeling.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** Each input rule of docs/robustness.md, one test each: refused with 400, an OperationOutcome and a text that says why. */
public abstract class InputRulesContract {

	private static final ObjectMapper JSON = new ObjectMapper();
	/** Writes every non-ASCII character as a JSON escape, so a lone surrogate reaches the server as {@code \\ud800}. */
	private static final ObjectWriter ASCII_JSON = JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

	protected abstract TestServer server();

	private final String fnr = SyntheticFodselsnummer.next();

	@Test
	void rawPipeInTheQueryIsAnsweredAsASearch() {
		Published published = Published.by(server(), ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		RawHttp.Answer answer = RawHttp.send(server().port(), "GET /fhir/DocumentReference?patient.identifier="
				+ IdentifierSystems.FODSELSNUMMER + "|" + fnr + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
				+ TestIssuer.bearer().gp().build() + "\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("searchset").contains(published.documentIds().get(0));
	}

	@Test
	void tomcatRefusalOfABadRequestLineIsAnOperationOutcomeNotHtml() {
		RawHttp.Answer answer = RawHttp.send(server().port(), "GET /fhir/meta\u0001data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).startsWith("application/fhir+json");
		assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"").doesNotContainIgnoringCase("<html");
	}

	@Test
	void unknownHttpVersionIs400NotA505() {
		RawHttp.Answer answer = RawHttp.send(server().port(), "GET /fhir/metadata HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("OperationOutcome");
	}

	@Test
	void unknownMethodIs405WithAnOperationOutcome() {
		RawHttp.Answer answer = RawHttp.send(server().port(), "PROPFIND /fhir/DocumentReference HTTP/1.1\r\nHost: x\r\n"
				+ "Authorization: Bearer " + TestIssuer.bearer().gp().build() + "\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.body()).contains("OperationOutcome");
	}

	@Test
	void pathOutsideFhirIs404WithAnOperationOutcome() {
		RawHttp.Answer answer = RawHttp.send(server().port(), "GET /nothing/here HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).startsWith("application/fhir+json");
		assertThat(answer.body()).contains("OperationOutcome").doesNotContainIgnoringCase("<html");
	}

	@Test
	void negativeOffsetIsRefused() {
		assertRefused(search("&_offset=-5"), "_offset must not be negative");
	}

	@Test
	void nonNumericCountIsRefused() {
		assertRefused(search("&_count=abc"), "_count must be a whole number");
	}

	@Test
	void hugeOffsetIsRefusedNamingTheCap() {
		assertRefused(search("&_offset=99999999999999999999"), "_offset must be a whole number");
		assertRefused(search("&_offset=10001"), "at most 10000");
	}

	@Test
	void orListOverTheCapIsRefusedNamingTheCap() {
		String values = IntStream.range(0, 101).mapToObj(Integer::toString).collect(Collectors.joining(","));
		assertRefused(search("&identifier=" + values), "at most 100 (dokumentdeling.input.max-or-values)");
	}

	@Test
	void parameterValuesOverTheCapAreRefusedNamingTheCap() {
		String many = IntStream.range(0, 50).mapToObj(i -> "&status=current").collect(Collectors.joining());
		assertRefused(search(many), "at most 50 parameter values");
	}

	@Test
	void nulInAParameterIsRefused() {
		assertRefused(search("&identifier=a%00b"), "NUL");
	}

	@Test
	void malformedDateInASearchIsRefusedNot500() {
		Response response = search("&date=2020-13-45");
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
		assertThat(response.asString()).contains("OperationOutcome");
	}

	@Test
	void invalidUtf8InTheBodyIsRefused() {
		byte[] bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().json().getBytes(StandardCharsets.UTF_8);
		int at = new String(bundle, StandardCharsets.UTF_8).indexOf("urn:uuid:");
		bundle[at] = (byte) 0xFF;

		assertRefused(server().asSource().contentType("application/fhir+json").body(bundle).post(), "not valid UTF-8");
	}

	@Test
	void loneSurrogateInAStringIsRefused() {
		assertRefused(publish(b -> masterIdentifier(b).put("value", "\ud800")), "unpaired surrogate");
	}

	@Test
	void nulInAStringIsRefused() {
		assertRefused(publish(b -> masterIdentifier(b).put("value", "a\u0000b")), "NUL character");
	}

	@Test
	void identifierLongerThanItsIndexColumnIsRefusedNamingTheLimit() {
		assertRefused(publish(b -> masterIdentifier(b).put("value", "1".repeat(5000))), "stores at most 200");
	}

	@Test
	void uriLongerThanItsIndexColumnIsRefusedNamingTheLimit() {
		assertRefused(publish(b -> ((ObjectNode) b.get("meta")).put("source", "urn:x:" + "s".repeat(600))), "stores at most 500");
	}

	@Test
	void emptyValueIsRefused() {
		assertRefused(publish(b -> ((ObjectNode) b.get("meta")).set("profile", JSON.nullNode())), "has no value");
	}

	@Test
	void entryWhoseRequestUrlNamesAnotherTypeIsRefused() {
		assertRefused(publish(b -> ((ObjectNode) entry(b, documentEntry(b)).get("request")).put("url", "Patient")),
				"does not name the type of the entry's resource (DocumentReference)");
	}

	@Test
	void entryWhoseResourceIsNotAnObjectIsRefused() {
		for (String odd : new String[] {"null", "true", "\"DocumentReference\""}) {
			Response response = publish(b -> {
				try {
					entry(b, documentEntry(b)).set("resource", JSON.readTree(odd));
				} catch (Exception e) {
					throw new IllegalStateException(e);
				}
			});
			assertThat(response.statusCode()).as(odd + ": " + response.asString()).isBetween(400, 422);
			assertThat(response.asString()).contains("OperationOutcome");
		}
	}

	@Test
	void nonObjectInAnExtensionArrayIsRefused() {
		Response response = publish(b -> ((ObjectNode) entry(b, documentEntry(b)).get("resource"))
				.set("extension", JSON.createArrayNode().add(1).add("x")));
		assertThat(response.statusCode()).as(response.asString()).isBetween(400, 422);
		assertThat(response.asString()).contains("OperationOutcome").doesNotContain("ca.uhn").doesNotContain("Exception");
	}

	private Response search(String more) {
		return server().asReader().urlEncodingEnabled(false)
				.get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "%7C" + fnr + more);
	}

	private Response publish(Consumer<ObjectNode> mutation) {
		try {
			ObjectNode bundle = (ObjectNode) JSON.readTree(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json());
			mutation.accept(bundle);
			return server().asSource().contentType("application/fhir+json").body(ASCII_JSON.writeValueAsString(bundle)).post();
		} catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void assertRefused(Response response, String because) {
		assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
		assertThat(response.asString()).contains("OperationOutcome").contains(because);
	}

	private static ObjectNode masterIdentifier(ObjectNode bundle) {
		return (ObjectNode) entry(bundle, documentEntry(bundle)).get("resource").get("masterIdentifier");
	}

	private static ObjectNode entry(ObjectNode bundle, int index) {
		return (ObjectNode) bundle.get("entry").get(index);
	}

	private static int documentEntry(ObjectNode bundle) {
		ArrayNode entries = (ArrayNode) bundle.get("entry");
		for (int i = 0; i < entries.size(); i++) {
			if ("DocumentReference".equals(entries.get(i).get("resource").get("resourceType").asText())) {
				return i;
			}
		}
		throw new IllegalStateException("no DocumentReference in the bundle");
	}
}
