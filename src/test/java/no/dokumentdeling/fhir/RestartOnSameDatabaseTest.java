package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** The schema is created on an empty PostgreSQL database and reused as it is when the server starts again. */
class RestartOnSameDatabaseTest {

	@Test
	void restartedServerFindsEveryDocumentAndItsBytes() {
		TestDatabase database = TestDatabase.postgres();
		String fnr = SyntheticFodselsnummer.next();
		List<ProvideBundleBuilder> published = new ArrayList<>();
		TestServer first = TestServer.start(database);
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

		try (TestServer restarted = first.startAnother()) {
			for (ProvideBundleBuilder bundle : published) {
				String url = restarted.asReader().get("/DocumentReference?patient.identifier=" + fnr + "&identifier=" + bundle.masterIdentifier(0))
						.then().statusCode(200).extract().jsonPath().getString("entry[0].resource.content[0].attachment.url");
				byte[] bytes = restarted.asReader().accept("application/pdf").get("/" + url.substring(url.lastIndexOf("Binary/")))
						.then().statusCode(200).extract().asByteArray();
				assertThat(bytes).isEqualTo(bundle.binary(0).getData());
			}
		}
	}
}
