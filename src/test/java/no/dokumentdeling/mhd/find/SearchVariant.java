package no.dokumentdeling.mhd.find;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Bundle;

/** The four ways a consumer may run one search: GET or POST {@code _search}, answered in JSON or XML. */
enum SearchVariant {
	GET_JSON(false, "application/fhir+json"),
	GET_XML(false, "application/fhir+xml"),
	POST_JSON(true, "application/fhir+json"),
	POST_XML(true, "application/fhir+xml");

	private final boolean post;
	private final String accept;

	SearchVariant(boolean post, String accept) {
		this.post = post;
		this.accept = accept;
	}

	/** Runs {@code query} ({@code a=1&b=2}, values unencoded) and returns the searchset, asserting a 200. */
	Bundle search(TestServer server, String resourceType, String query) {
		Response response = send(server, resourceType, query);
		assertThat(response.statusCode()).as(this + " " + resourceType + "?" + query + ": " + response.asString()).isEqualTo(200);
		assertThat(response.contentType()).startsWith(accept);
		var parser = accept.endsWith("json") ? ProvideBundleBuilder.FHIR.newJsonParser() : ProvideBundleBuilder.FHIR.newXmlParser();
		Bundle bundle = parser.parseResource(Bundle.class, response.asString());
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		return bundle;
	}

	Response send(TestServer server, String resourceType, String query) {
		RequestSpecification request = server.asReader().accept(accept).header("Cache-Control", "no-cache");
		Map<String, List<String>> parameters = parse(query);
		if (post) {
			parameters.forEach((name, values) -> request.formParam(name, values.toArray()));
			return request.contentType("application/x-www-form-urlencoded").post("/" + resourceType + "/_search");
		}
		parameters.forEach((name, values) -> request.queryParam(name, values.toArray()));
		return request.get("/" + resourceType);
	}

	/** The ids (id part) of the search's matches, in order. */
	static List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream()
				.filter(e -> e.getSearch().getMode() != Bundle.SearchEntryMode.OUTCOME)
				.map(e -> e.getResource().getIdElement().getIdPart())
				.toList();
	}

	private static Map<String, List<String>> parse(String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) continue;
			int eq = pair.indexOf('=');
			parameters.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
		}
		return parameters;
	}
}
