package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The schema is created on an empty PostgreSQL database and reused as it is when the server starts again, also when
 * the new start brings SearchParameters the stored documents were not indexed with.
 */
class RestartOnSameDatabaseTest {

	@Test
	void restartedServerFindsEveryDocumentAndItsBytes() {
		TestDatabase database = TestDatabase.postgres();
		String fnr = SyntheticFodselsnummer.next();
		List<ProvideBundleBuilder> published = new ArrayList<>();
		// Without the Kjernejournal regulation's windows for C00-1, D00-1 and I00-1: the restart adds their
		// SearchParameters, which every search under that regulation then asks of every document.
		TestServer first = TestServer.start(database, Map.of("dokumentdeling.access.kjernejournalforskriften.windows[E00-1]", "5y"));
		try {
			for (int i = 0; i < 3; i++) {
				ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr)
						.withDocument("A00-1", "A03-2", "application/pdf", ProvideBundleBuilder.pdf("Epikrise " + i));
				first.asSource().contentType("application/fhir+json").body(bundle.json()).post().then().statusCode(200);
				published.add(bundle);
			}
		} finally {
			first.close();
		}

		try (TestServer restarted = TestServer.start(database)) {
			for (ProvideBundleBuilder bundle : published) {
				String url = restarted.asReader().get("/DocumentReference?patient.identifier=" + fnr + "&identifier=" + bundle.masterIdentifier(0))
						.then().statusCode(200).extract().jsonPath().getString("entry[0].resource.content[0].attachment.url");
				byte[] bytes = restarted.asReader().accept("application/pdf").get("/" + url.substring(url.lastIndexOf("Binary/")))
						.then().statusCode(200).extract().asByteArray();
				assertThat(bytes).isEqualTo(bundle.binary(0).getData());
			}
			assertThat(foundUnderKjernejournalforskriften(restarted, fnr, Duration.ofSeconds(60))).isEqualTo(3);
		}
	}

	/** The documents stored before the restart are found once the reindex job the restart started has passed them. */
	private static int foundUnderKjernejournalforskriften(TestServer server, String fnr, Duration patience) {
		Instant giveUp = Instant.now().plus(patience);
		while (true) {
			List<?> entries = server.with(TestIssuer.dpop().gp().scope(TestIssuer.READ_REFERENCES, TestIssuer.READ_DOCUMENT,
							TestIssuer.KJERNEJOURNALFORSKRIFTEN)).header("nhn-access-basis", "samtykke")
					.get("/DocumentReference?patient.identifier=" + fnr).then().statusCode(200).extract().jsonPath().getList("entry");
			int found = entries == null ? 0 : entries.size();
			if (found == 3 || Instant.now().isAfter(giveUp)) {
				return found;
			}
			try {
				Thread.sleep(250);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return found;
			}
		}
	}
}
