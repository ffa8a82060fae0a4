package no.dokumentdeling.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;

/** Rule "hidden is unknown": what a read of something hidden must look like, next to a read of an id that does not exist. */
public final class UnknownAnswer {

	/** The same status (404) and byte for byte the same OperationOutcome, naming no id. */
	public static void assertAnswersAsUnknown(Response hidden, Response unknown) {
		assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(404);
		assertThat(hidden.statusCode()).as(hidden.asString()).isEqualTo(unknown.statusCode());
		assertThat(hidden.asString()).isEqualTo(unknown.asString());
		assertThat(unknown.jsonPath().getString("resourceType")).isEqualTo("OperationOutcome");
		assertThat(unknown.jsonPath().getString("issue[0].code")).isEqualTo("not-found");
		assertThat(unknown.asString()).doesNotContain("HAPI-");
	}

	private UnknownAnswer() {}
}
