package no.dokumentdeling.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Several hundred generated hostile requests with real tokens (a source for ITI-65, a GP for searches): malformed
 * and mutated bodies, XXE and billion laughs, deep nesting, huge and invalid strings, every broken bundle structure,
 * absurd search parameters, odd methods, headers and request lines. Whatever they are, the server answers with a
 * status below 500, never with HTML, and never with SQL, a Java class name or a stack trace; and afterwards it still
 * publishes, finds and delivers a document.
 */
public abstract class HostileRequestsContract {

	/** What an answer must never contain: code names, SQL, exceptions. */
	static final Pattern DISCLOSURE = Pattern.compile("org\\.|java\\.|ca\\.uhn|SELECT |INSERT |Exception");
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	protected abstract TestServer server();

	private record Answer(int status, String contentType, String body) {}

	private record Probe(String what, Supplier<Answer> send) {}

	private final String fnr = SyntheticFodselsnummer.next();
	private final List<Probe> probes = new ArrayList<>();
	private final Random random = new Random(11);

	@Test
	void hostileRequestsGetNoServerErrorNoHtmlAndDiscloseNothing() throws Exception {
		TestServer server = server();
		Published.by(server, ProvideBundleBuilder.forPatient(fnr).withEpikrise());
		addBundleStructureMutations();
		addValueMutations();
		addMalformedBodies();
		addXmlAttacks();
		addAbsurdSearches();
		addOddMethodsAndHeaders();
		addRawRequests();

		List<String> failures = new ArrayList<>();
		for (Probe probe : probes) {
			Answer answer;
			try {
				answer = probe.send().get();
			} catch (AssertionError | RuntimeException e) {
				failures.add(probe.what() + ": " + e.getMessage());
				continue;
			}
			String problem = problem(answer);
			if (problem != null) {
				failures.add(probe.what() + " -> " + answer.status() + " " + problem + ": "
						+ answer.body().substring(0, Math.min(300, answer.body().length())));
			}
		}
		assertThat(probes).hasSizeGreaterThanOrEqualTo(300);
		assertThat(failures).as(failures.size() + " of " + probes.size() + " hostile requests were mishandled:\n"
				+ String.join("\n", failures)).isEmpty();

		roundTripStillWorks(server);
	}

	@Test
	void tenThousandOrValuesAreRefusedFast() {
		String values = IntStream.range(0, 10_000).mapToObj(i -> String.format("%011d", i)).collect(Collectors.joining(","));
		String form = "patient.identifier=" + fnr + "&identifier=" + values;
		byte[] request = ("POST /fhir/DocumentReference/_search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
				+ TestIssuer.bearer().gp().build() + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
				+ form.length() + "\r\nConnection: close\r\n\r\n" + form).getBytes(StandardCharsets.US_ASCII);
		int port = server().port();
		// Once to warm up: the first request after the start also loads classes and compiles code.
		RawHttp.send(port, request);

		long started = System.nanoTime();
		RawHttp.Answer posted = RawHttp.send(port, request);
		long postMillis = (System.nanoTime() - started) / 1_000_000;
		started = System.nanoTime();
		RawHttp.Answer got = RawHttp.send(port, "GET /fhir/DocumentReference?" + form + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		long getMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(posted.status()).as(posted.body()).isEqualTo(400);
		assertThat(posted.body()).contains("OperationOutcome").contains("at most 100");
		assertThat(postMillis).as("POST _search answered in %d ms", postMillis).isLessThan(2000);
		assertThat(got.status()).as(got.body()).isBetween(400, 499);
		assertThat(got.body()).contains("OperationOutcome");
		assertThat(getMillis).as("GET answered in %d ms", getMillis).isLessThan(2000);
	}

	private static String problem(Answer answer) {
		if (answer.status() >= 500) {
			return "server error";
		}
		String lower = answer.body().toLowerCase(Locale.ROOT);
		if (answer.contentType().toLowerCase(Locale.ROOT).contains("html") || lower.contains("<html") || lower.contains("<!doctype")) {
			return "HTML";
		}
		if (DISCLOSURE.matcher(answer.body()).find()) {
			return "discloses code or SQL";
		}
		if (answer.status() >= 400 && !answer.body().isEmpty() && !answer.body().contains("OperationOutcome")) {
			return "an error without an OperationOutcome";
		}
		return null;
	}

	private void roundTripStillWorks(TestServer server) {
		String patient = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(patient).withEpikrise();
		Published published = Published.by(server, bundle);
		Response search = DocumentSearches.byPatient(server.asReader(), patient, "");
		assertThat(DocumentSearches.ids(search)).containsExactlyElementsOf(published.documentIds());
		String url = search.jsonPath().getString("entry[0].resource.content[0].attachment.url");
		byte[] document = server.asReader().get(url).then().statusCode(200).extract().asByteArray();
		assertThat(document).isEqualTo(bundle.binary(0).getData());
	}

	// ---- ITI-65 bodies ----

	private void addBundleStructureMutations() {
		List<JsonNode> oddValues = List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.textNode("DocumentReference"),
				NODES.numberNode(7), NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add(NODES.objectNode()));
		for (int entry = 0; entry < 3; entry++) {
			int e = entry;
			for (JsonNode odd : oddValues) {
				mutateBundle("entry[" + e + "].resource = " + odd, b -> entry(b, e).set("resource", odd));
				mutateBundle("entry[" + e + "].resource.extension = [" + odd + "]",
						b -> resource(b, e).set("extension", NODES.arrayNode().add(odd)));
			}
			for (JsonNode odd : oddValues.subList(0, 4)) {
				mutateBundle("entry[" + e + "].request = " + odd, b -> entry(b, e).set("request", odd));
				mutateBundle("entry[" + e + "].request.url = " + odd, b -> request(b, e).set("url", odd));
				mutateBundle("entry[" + e + "].request.method = " + odd, b -> request(b, e).set("method", odd));
				mutateBundle("entry[" + e + "].fullUrl = " + odd, b -> entry(b, e).set("fullUrl", odd));
			}
			for (String url : List.of("Patient", "Binary", "List", "DocumentReference/123", "Observation", "", "/", "?", "..",
					"http://elsewhere.example/fhir/Patient", "DocumentReference?identifier=x", "%00", "List/../Binary")) {
				mutateBundle("entry[" + e + "].request.url = '" + url + "'", b -> request(b, e).put("url", url));
			}
			for (String method : List.of("GET", "DELETE", "PATCH", "HEAD", "FOO", "put")) {
				mutateBundle("entry[" + e + "].request.method = " + method, b -> request(b, e).put("method", method));
			}
			mutateBundle("entry[" + e + "] = null", b -> ((ArrayNode) b.get("entry")).set(e, NODES.nullNode()));
			mutateBundle("entry[" + e + "] = 1", b -> ((ArrayNode) b.get("entry")).set(e, NODES.numberNode(1)));
			mutateBundle("entry[" + e + "].resource.resourceType removed", b -> resource(b, e).remove("resourceType"));
			mutateBundle("entry[" + e + "].resource.resourceType = Nonsense", b -> resource(b, e).put("resourceType", "Nonsense"));
			mutateBundle("entry[" + e + "].resource.id = 5000 characters", b -> resource(b, e).put("id", "a".repeat(5000)));
			mutateBundle("entry[" + e + "].resource.meta = []", b -> resource(b, e).set("meta", NODES.arrayNode()));
			mutateBundle("entry[" + e + "].resource.contained = [1]",
					b -> resource(b, e).set("contained", NODES.arrayNode().add(1)));
		}
		for (JsonNode odd : oddValues) {
			mutateBundle("entry = " + odd, b -> b.set("entry", odd));
			mutateBundle("type = " + odd, b -> b.set("type", odd));
			mutateBundle("meta.profile = " + odd, b -> ((ObjectNode) b.get("meta")).set("profile", odd));
			mutateBundle("extension on the bundle = [" + odd + "]", b -> b.set("extension", NODES.arrayNode().add(odd)));
			mutateBundle("modifierExtension on a document = [" + odd + "]",
					b -> resource(b, documentEntry(b)).set("modifierExtension", NODES.arrayNode().add(odd)));
			mutateBundle("DocumentReference.content = " + odd, b -> resource(b, documentEntry(b)).set("content", odd));
			mutateBundle("DocumentReference.subject = " + odd, b -> resource(b, documentEntry(b)).set("subject", odd));
		}
		for (String type : List.of("batch", "document", "collection", "searchset", "history", "transaction-response", "")) {
			mutateBundle("type = " + type, b -> b.put("type", type));
		}
		mutateBundle("entries doubled", b -> {
			ArrayNode entries = (ArrayNode) b.get("entry");
			List<JsonNode> copy = new ArrayList<>();
			entries.forEach(copy::add);
			copy.forEach(entries::add);
		});
		mutateBundle("no entries", b -> b.set("entry", NODES.arrayNode()));
		mutateBundle("1,000 empty entries", b -> {
			ArrayNode entries = NODES.arrayNode();
			IntStream.range(0, 1000).forEach(i -> entries.add(NODES.objectNode()));
			b.set("entry", entries);
		});
		mutateBundle("an unknown element", b -> b.put("nonsense", "x"));
		mutateBundle("a bundle inside a bundle entry", b -> {
			ObjectNode inner = b.deepCopy();
			entry(b, 0).set("resource", inner);
		});
	}

	private void addValueMutations() {
		List<String> values = List.of("\ud800", "\udc00", "x\ud800y", "\u0000", "a\u0000b", "\u0007", "\uffff", "\ufffe",
				"a".repeat(201), "a".repeat(5000), "%".repeat(200), "ø".repeat(200), "|".repeat(200), "a".repeat(200_000),
				"", " ", "\t\n", "'; DROP TABLE HFJ_RESOURCE; --", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>");
		for (String value : values) {
			String shown = value.length() > 12 ? value.length() + " characters" : JSON.valueToTree(value).toString();
			mutateBundle("masterIdentifier.value = " + shown,
					b -> ((ObjectNode) resource(b, documentEntry(b)).get("masterIdentifier")).put("value", value));
			mutateBundle("DocumentReference.description = " + shown, b -> resource(b, documentEntry(b)).put("description", value));
			mutateBundle("subject identifier value = " + shown, b -> ((ObjectNode) resource(b, documentEntry(b))
					.get("subject").get("identifier")).put("value", value));
			mutateBundle("meta.source = " + shown, b -> ((ObjectNode) b.get("meta")).put("source", value));
			mutateBundle("a category code = " + shown, b -> ((ObjectNode) resource(b, documentEntry(b))
					.get("category").get(0).get("coding").get(0)).put("code", value));
		}
	}

	private void addMalformedBodies() {
		String valid = validBundle().toString();
		for (int cut : List.of(0, 1, 2, 10, 50, valid.length() / 3, valid.length() / 2, valid.length() - 2, valid.length() - 1)) {
			iti65("the bundle cut at " + cut, "application/fhir+json", valid.substring(0, Math.max(0, cut)).getBytes(StandardCharsets.UTF_8));
		}
		for (int i = 0; i < 15; i++) {
			char[] chars = valid.toCharArray();
			int at = random.nextInt(chars.length);
			String replacements = "{}[]\":,\\x0 ";
			chars[at] = replacements.charAt(random.nextInt(replacements.length()));
			iti65("the bundle with one character changed at " + at, "application/fhir+json", new String(chars).getBytes(StandardCharsets.UTF_8));
		}
		byte[] bundle = valid.getBytes(StandardCharsets.UTF_8);
		int description = valid.indexOf("\"urn:uuid:");
		for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
				new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {0},
				new byte[] {(byte) 0xE2, (byte) 0x82})) {
			iti65("invalid UTF-8 bytes " + hex(bad) + " inside a string", "application/fhir+json", insert(bundle, description + 1, bad));
		}
		iti65("the bundle ending in a truncated UTF-8 sequence", "application/fhir+json", insert(bundle, bundle.length, new byte[] {(byte) 0xE2}));
		iti65("10,000 nested arrays", "application/fhir+json",
				("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8));
		iti65("2,000 nested extensions", "application/fhir+json", nestedExtensions(2000).getBytes(StandardCharsets.UTF_8));
		iti65("100,000 nested objects, unclosed", "application/fhir+json", "{\"a\":".repeat(100_000).getBytes(StandardCharsets.UTF_8));
		iti65("a 5 MB description", "application/fhir+json", withDescription("x".repeat(5_000_000)));
		iti65("a JSON number with 100,000 digits", "application/fhir+json",
				("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"total\":" + "9".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8));
		for (String body : List.of("null", "true", "\"Bundle\"", "[]", "{}", "{\"resourceType\":null}", "{\"resourceType\":1}",
				"{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":{\"resourceType\":\"Binary\",\"data\":\"!!not base64!!\"}}]}",
				"{\"resourceType\":\"Bundle\",\"resourceType\":\"Patient\"}", "\ufeff{\"resourceType\":\"Bundle\"}", "{\"resourceType\":\"Bundle\"}garbage")) {
			iti65("body " + body, "application/fhir+json", body.getBytes(StandardCharsets.UTF_8));
		}
		for (String contentType : List.of("text/html", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
				"application/octet-stream", "application/fhir+json; charset=ISO-8859-1", "application/fhir+json; fhirVersion=9.9",
				"application/json", "*/*", "application/fhir+json;;;", "\u00e6/\u00f8")) {
			iti65("Content-Type " + contentType, contentType, bundle);
		}
	}

	private void addXmlAttacks() {
		String doctype = "<?xml version=\"1.0\"?><!DOCTYPE Bundle [%s]>";
		String xxe = String.format(doctype, "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">")
				+ "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><id value=\"&xxe;\"/></Bundle>";
		String laughs = String.format(doctype, "<!ENTITY a \"lol\">" + IntStream.range(1, 10)
				.mapToObj(i -> "<!ENTITY " + (char) ('a' + i) + " \"" + ("&" + (char) ('a' + i - 1) + ";").repeat(10) + "\">")
				.collect(Collectors.joining())) + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&j;\"/></Bundle>";
		String external = String.format(doctype, "<!ENTITY % remote SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %remote;")
				+ "<Bundle xmlns=\"http://hl7.org/fhir\"/>";
		String deep = "<Bundle xmlns=\"http://hl7.org/fhir\">" + "<extension url=\"x\">".repeat(5000) + "</extension>".repeat(5000) + "</Bundle>";
		for (String body : List.of(xxe, laughs, external, deep, "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=",
				"<Bundle><type value=\"transaction\"/></Bundle>", "<?xml version=\"1.0\" encoding=\"UTF-7\"?><Bundle xmlns=\"http://hl7.org/fhir\"/>",
				"<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry><resource>true</resource></entry></Bundle>",
				"<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"\u0001\"/></Bundle>", "not xml at all")) {
			iti65("XML " + body.substring(0, Math.min(60, body.length())), "application/fhir+xml", body.getBytes(StandardCharsets.UTF_8));
		}
	}

	// ---- searches ----

	private void addAbsurdSearches() {
		String patient = "patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr;
		List<String> numbers = List.of("-5", "-1", "abc", "1e9", "99999999999999999999", "", " ", "2147483648", "0x10", "1.5",
				"%00", "9223372036854775808", "0", "100000000");
		for (String name : List.of("_offset", "_count", "_getpagesoffset")) {
			for (String value : numbers) {
				search("DocumentReference?" + patient + "&" + name + "=" + value);
			}
		}
		for (String odd : List.of("_sort=nonsense", "_sort=-", "_sort=,,,", "_include=*", "_include=DocumentReference:nonsense",
				"_revinclude=*", "_elements=%00", "_summary=foo", "_summary=count", "_total=foo", "_total=accurate", "_format=html",
				"_format=text/html", "_pretty=xyz", "_contained=both", "_containedType=x", "_has:List:item:_id=1", "_id=",
				"_id=" + "a".repeat(5000), "_lastUpdated=foo", "_lastUpdated=ge", "date=2020-13-45", "date=ge99999-01-01",
				"creation=foo", "period=lt", "status=%00", "status:not=current", "status:missing=maybe", "identifier:above=x",
				"identifier=" + "a".repeat(100_000).substring(0, 6000), "identifier=%C3%28", "identifier=%FF%FE", "identifier=%ED%A0%80",
				"identifier=|||", "identifier=\\", "identifier=a\\,b", "category=" + ",".repeat(150), "type:text=x",
				"related=%00", "related:identifier=x", "author.given=" + "ø".repeat(1000), "author.nonsense.x=1",
				"subject:Patient.identifier=x", "patient:Nonsense=1", "patient=Patient/" + "9".repeat(30),
				"security-label=" + "x".repeat(300), "event=[]{}^`<>\"", "nonsense=1", "_query=x", "_filter=x eq y",
				"_text=x", "_content=x", "_list=x", "_security=x", "_tag=x", "_profile=x", "_source=x")) {
			search("DocumentReference?" + patient + "&" + odd);
		}
		search("DocumentReference?" + patient + "&" + IntStream.range(0, 60).mapToObj(i -> "status=current").collect(Collectors.joining("&")));
		search("DocumentReference?" + patient + "&identifier=" + IntStream.range(0, 101).mapToObj(Integer::toString).collect(Collectors.joining(",")));
		search("DocumentReference?patient.identifier=" + IntStream.range(0, 150).mapToObj(i -> fnr).collect(Collectors.joining(",")));
		for (String odd : List.of("DocumentReference", "List?" + patient + "&code=" + "x".repeat(5000), "List?" + patient + "&_count=-1",
				"List?" + patient + "&_offset=-5", "List?" + patient + "&designationType=%00", "Patient?identifier=%00",
				"Patient?_count=-3", "AuditEvent?_count=-1", "Consent?_offset=-1", "DocumentReference/%00",
				"DocumentReference/" + "a".repeat(300), "DocumentReference/../../etc/passwd", "Binary/%ED%A0%80",
				"DocumentReference/1/_history/x", "?_getpages=nonsense&_getpagesoffset=-1", "?_getpages=" + "x".repeat(1000),
				"$innsynslogg?_count=-1", "$nonsense", "metadata?_format=html", "metadata?mode=nonsense", "%2e%2e/%2e%2e/etc/passwd",
				"DocumentReference?" + patient + "&_format=application/fhir%2Bxml", "DocumentReference/_search?_count=-1")) {
			search(odd);
		}
		probes.add(new Probe("POST _search with a negative _offset", () -> answer(
				server().asReader().contentType("application/x-www-form-urlencoded")
						.formParam("patient.identifier", IdentifierSystems.FODSELSNUMMER + "|" + fnr).formParam("_offset", "-5")
						.post("/DocumentReference/_search"))));
		probes.add(new Probe("POST _search with a NUL", () -> answer(
				server().asReader().contentType("application/x-www-form-urlencoded")
						.formParam("patient.identifier", IdentifierSystems.FODSELSNUMMER + "|" + fnr + "\u0000")
						.post("/DocumentReference/_search"))));
	}

	private void addOddMethodsAndHeaders() {
		for (String method : List.of("PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE")) {
			for (String path : List.of("", "/DocumentReference", "/metadata", "/Binary/1")) {
				probes.add(new Probe(method + " /fhir" + path, () -> answer(
						server().asSource().contentType("application/fhir+json").body("{}").request(method, path))));
			}
		}
		String search = "/DocumentReference?patient.identifier=" + fnr;
		for (String[] header : List.of(new String[] {"Accept", "text/html"}, new String[] {"Accept", "application/xml;q=nonsense"},
				new String[] {"Accept", "*/*;q=0"}, new String[] {"Accept", "image/png"}, new String[] {"Accept-Charset", "ISO-8859-1"},
				new String[] {"Prefer", "return=nonsense"}, new String[] {"Prefer", "handling=strict"},
				new String[] {"X-HTTP-Method-Override", "DELETE"}, new String[] {"nhn-event-id", "e".repeat(5000)},
				new String[] {"nhn-event-id", "\u00e6\u00f8\u00e5"}, new String[] {"nhn-source-system", "s".repeat(5000)},
				new String[] {"nhn-access-basis", "nonsense"}, new String[] {"nhn-access-basis", "a".repeat(3000)},
				new String[] {"If-None-Match", "W/\"nonsense"}, new String[] {"If-Modified-Since", "yesterday"},
				new String[] {"X-Forwarded-Host", "evil.example"}, new String[] {"X-Forwarded-Proto", "gopher"},
				new String[] {"Forwarded", "for=\"[::1\""}, new String[] {"X-Request-Id", "r".repeat(4000)},
				new String[] {"Content-Type", "application/fhir+json"}, new String[] {"Range", "bytes=-1--2"})) {
			probes.add(new Probe("search with " + header[0] + ": " + header[1].substring(0, Math.min(30, header[1].length())),
					() -> answer(server().asReader().header(header[0], header[1]).get(search))));
		}
		for (String path : List.of("/", "/error", "/nothing", "/actuator/nothing", "/actuator/env", "/FHIR/metadata",
				"/fhir/../actuator/env", "/index.html", "/.env")) {
			probes.add(new Probe("GET " + path + " outside /fhir", () -> {
				RawHttp.Answer raw = RawHttp.send(server().port(),
						"GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
				return new Answer(raw.status(), raw.contentType(), raw.body());
			}));
		}
	}

	private void addRawRequests() {
		String token = TestIssuer.bearer().gp().build();
		String auth = "Authorization: Bearer " + token + "\r\n";
		String pipes = "/fhir/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr;
		List<String> requests = new ArrayList<>(List.of(
				"GET " + pipes + " HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
				"GET " + pipes + "&event=[]{}\"^`<>\\ HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
				"GET /fhir/DocumentReference/[x] HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
				"GARBAGE\r\n\r\n",
				"GET /fhir/metadata HTTP/9.9\r\nHost: x\r\n\r\n",
				"GET  /fhir/metadata HTTP/1.1\r\nHost: x\r\n\r\n",
				"GET /fhir/meta\u0001data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata?x=\u0007 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /fhir/m\u00e6tadata HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata?x=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata?" + "q".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"FOO /fhir/metadata HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"PROPFIND /fhir/metadata HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
				"FOO /fhir/DocumentReference HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n",
				"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"TRACE /fhir/metadata HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nNoColonHeader\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata HTTP/1.1\r\nConnection: close\r\n\r\n",
				"GET http://evil.example/fhir/metadata HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"GET fhir/metadata HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n{}",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{}",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n{}",
				"POST /fhir HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/fhir+json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
				"GET /fhir/metadata HTTP/1.1\r\nHost: x\r\nExpect: 100-nonsense\r\nConnection: close\r\n\r\n",
				"GET /fhir/metadata HTTP/1.0\r\n\r\n",
				"GET /fhir/metadata\r\n\r\n",
				"\r\n\r\n\r\n",
				"GET /fhir/DocumentReference?patient.identifier=" + fnr + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\nConnection: close\r\n\r\n",
				"GET /fhir/DocumentReference?patient.identifier=" + fnr + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + "x".repeat(7000) + "\r\nConnection: close\r\n\r\n"));
		for (String request : requests) {
			String shown = request.substring(0, Math.min(70, request.indexOf('\r') < 0 ? request.length() : request.indexOf('\r')))
					.replace(token, "<token>");
			probes.add(new Probe("raw " + shown, () -> {
				RawHttp.Answer raw = RawHttp.send(server().port(), request);
				return new Answer(raw.status(), raw.contentType(), raw.body());
			}));
		}
		probes.add(new Probe("a raw | in the query is answered as a search", () -> {
			RawHttp.Answer raw = RawHttp.send(server().port(), requests.get(0));
			return raw.status() == 200 && raw.body().contains("searchset") ? new Answer(200, raw.contentType(), "")
					: new Answer(599, raw.contentType(), "expected 200 with a searchset, got " + raw.status() + " " + raw.body());
		}));
	}

	// ---- helpers ----

	private void mutateBundle(String what, Consumer<ObjectNode> mutation) {
		probes.add(new Probe("ITI-65 with " + what, () -> {
			ObjectNode bundle = validBundle();
			mutation.accept(bundle);
			return answer(server().asSource().contentType("application/fhir+json").body(asciiJson(bundle)).post());
		}));
	}

	private void iti65(String what, String contentType, byte[] body) {
		probes.add(new Probe("ITI-65 with " + what, () -> {
			RequestSpecification source = server().asSource().contentType(contentType);
			// REST Assured encodes a form body itself and takes it only as text.
			return answer(contentType.startsWith("application/x-www-form-urlencoded")
					? source.body(new String(body, StandardCharsets.UTF_8)).post() : source.body(body).post());
		}));
	}

	private void search(String query) {
		probes.add(new Probe("GET " + query.substring(0, Math.min(120, query.length())), () -> {
			RequestSpecification reader = server().asReader().urlEncodingEnabled(false);
			return answer(reader.get("/" + encodeUnsafe(query)));
		}));
	}

	/** Percent-encodes what a URI may not hold raw (REST Assured insists); the raw forms go over {@link RawHttp}. */
	private static String encodeUnsafe(String query) {
		StringBuilder out = new StringBuilder();
		for (char c : query.toCharArray()) {
			if (" |[]{}\"^`<>\\".indexOf(c) >= 0) {
				out.append(String.format("%%%02X", (int) c));
			} else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Every non-ASCII character as a JSON escape, so a lone surrogate reaches the server as {@code \\ud800}. */
	private static String asciiJson(ObjectNode bundle) {
		try {
			return JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature()).writeValueAsString(bundle);
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private ObjectNode validBundle() {
		try {
			return (ObjectNode) JSON.readTree(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json());
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private byte[] withDescription(String description) {
		ObjectNode bundle = validBundle();
		resource(bundle, documentEntry(bundle)).put("description", description);
		return bundle.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String nestedExtensions(int depth) {
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"extension\":[" + "{\"url\":\"x\",\"extension\":[".repeat(depth)
				+ "]}".repeat(depth) + "]}";
	}

	private static ObjectNode entry(ObjectNode bundle, int index) {
		return (ObjectNode) bundle.get("entry").get(index);
	}

	private static ObjectNode request(ObjectNode bundle, int index) {
		return (ObjectNode) entry(bundle, index).get("request");
	}

	private static ObjectNode resource(ObjectNode bundle, int index) {
		return (ObjectNode) entry(bundle, index).get("resource");
	}

	private static int documentEntry(ObjectNode bundle) {
		for (int i = 0; i < bundle.get("entry").size(); i++) {
			if ("DocumentReference".equals(bundle.get("entry").get(i).get("resource").get("resourceType").asText())) {
				return i;
			}
		}
		throw new IllegalStateException("no DocumentReference in the bundle");
	}

	private static Answer answer(Response response) {
		return new Answer(response.statusCode(), String.valueOf(response.contentType()), response.asString());
	}

	private static byte[] insert(byte[] into, int at, byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(into, 0, at);
		out.writeBytes(bytes);
		out.write(into, at, into.length - at);
		return out.toByteArray();
	}

	private static String hex(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (byte b : bytes) {
			out.append(String.format("%02X", b & 0xFF));
		}
		return out.toString();
	}
}
