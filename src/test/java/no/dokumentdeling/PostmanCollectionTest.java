package no.dokumentdeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import no.dokumentdeling.testsupport.ExternalCommand;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The Postman collection in {@code postman/} runs green with newman against a server in the dev profile, as a
 * developer would run it against {@code make run}: tokens from the dev token endpoint, DPoP proofs from the
 * collection's own script, ITI-65 -> ITI-67/66 -> ITI-68, the innsynslogg, a Consent that blocks and unblocks, and an
 * ITI-105 Simplified Publish that its source then withdraws.
 */
class PostmanCollectionTest {

	private static final String NEWMAN = "postman/node_modules/.bin/newman";

	private final TestServer dev = SharedServers.dev();

	@Test
	void theCollectionRunsGreen() {
		ExternalCommand newman = ExternalCommand.run(Duration.ofMinutes(2), List.of(NEWMAN, "run",
				"postman/dokumentdeling.postman_collection.json",
				"-e", "postman/dokumentdeling.postman_environment.json",
				"--env-var", "serverUrl=http://127.0.0.1:" + dev.port(),
				"--bail", "--color", "off", "--disable-unicode"));

		assertThat(newman.exitCode()).as(newman.output()).isZero();
		assertThat(newman.output()).contains("ITI-65 Provide Document Bundle", "ITI-68 Retrieve Document",
				"The GP finds the document again", "The withdrawn document answers 410");
	}
}
