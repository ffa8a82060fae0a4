package no.dokumentdeling.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.List;

/** Rule "hidden is unknown": what a read of something hidden must look like, next to a read of an id that does not exist. */
public final class UnknownAnswer {

	/** Headers that would tell a stored resource from none. */
	private static final List<String> REVEALING_HEADERS =
			List.of("Content-Type", "ETag", "Last-Modified", "Content-Location", "Location", "Content-Length");

	/** The same status (404), the same headers and byte for byte the same OperationOutcome, naming no id. */
	public static void assertAnswersAsUnknown(Response hidden, Response unknown) {
		assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(404);
		assertThat(hidden.statusCode()).as(hidden.asString()).isEqualTo(unknown.statusCode());
		assertThat(hidden.asString()).isEqualTo(unknown.asString());
		for (String header : REVEALING_HEADERS) {
			assertThat(hidden.header(header)).as(header).isEqualTo(unknown.header(header));
		}
		assertThat(unknown.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		assertThat(unknown.jsonPath().getString("issue[0].code")).isEqualTo("not-found");
		assertThat(unknown.asString()).doesNotContain("HAPI-");
	}

	private UnknownAnswer() {}
}
