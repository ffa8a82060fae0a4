package no.dokumentdeling.observability;

import static io.restassured.RestAssured.given;

import no.dokumentdeling.testsupport.TestServer;

/** One read of {@code /actuator/prometheus} on the server's management port. */
record Scrape(String text) {

	static Scrape of(TestServer server) {
		return new Scrape(given().baseUri("http://127.0.0.1:" + server.managementPort())
				.get("/actuator/prometheus").then().statusCode(200).extract().asString());
	}

	/** The sample {@code name} with this label ({@code label="value"}, or null for none), 0 when absent. */
	double value(String name, String label) {
		return text.lines()
				.filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
				.filter(line -> label == null || line.contains(label))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
	}

	boolean has(String name) {
		return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
	}
}
