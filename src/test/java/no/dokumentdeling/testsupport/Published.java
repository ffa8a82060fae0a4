package no.dokumentdeling.testsupport;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;

/**
 * What one ITI-65 publication stored, from its transaction-response: the ids of its DocumentReferences and of their
 * Binaries, in the order of the bundle.
 */
public record Published(List<String> documentIds, List<String> binaryIds) {

	/** Publishes the bundle as the test source system; the publication must succeed. */
	public static Published by(TestServer server, ProvideBundleBuilder bundle) {
		JsonPath response = server.asSource().contentType("application/fhir+json").body(bundle.json()).post()
				.then().statusCode(200).extract().jsonPath();
		List<String> documents = new ArrayList<>();
		List<String> binaries = new ArrayList<>();
		for (String location : response.getList("entry.response.location", String.class)) {
			String[] parts = location.split("/");
			if (parts[0].equals("DocumentReference")) documents.add(parts[1]);
			if (parts[0].equals("Binary")) binaries.add(parts[1]);
		}
		return new Published(List.copyOf(documents), List.copyOf(binaries));
	}
}
