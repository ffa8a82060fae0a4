package no.dokumentdeling.testsupport;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.norway.IdentifierSystems;

/** ITI-67 searches as the visibility tests make them, and what they read from the answers. */
public final class DocumentSearches {

	/** The DocumentReferences of the patient with this fødselsnummer, plus {@code more} ({@code &name=value...}); 200. */
	public static Response byPatient(RequestSpecification as, String fnr, String more) {
		return as.get("/DocumentReference?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr + more)
				.then().statusCode(200).extract().response();
	}

	/** The ids of the resources a searchset holds, in its order; none for an empty one. */
	public static List<String> ids(Response search) {
		List<String> ids = search.jsonPath().getList("entry.resource.id", String.class);
		return ids == null ? List.of() : ids;
	}

	/** The searchset's {@code next} link, or null on the last page. */
	public static String nextLink(JsonPath page) {
		List<Map<String, String>> links = page.getList("link");
		return links.stream().filter(l -> "next".equals(l.get("relation"))).map(l -> l.get("url")).findFirst().orElse(null);
	}

	private DocumentSearches() {}
}
