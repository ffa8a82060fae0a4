package no.dokumentdeling.mhd.provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Random;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/** Document bytes of realistic and unrealistic size: a scanned 20 MB record round-trips, an oversized upload gets 413. */
class LargeDocumentTest {

	private final TestServer server = SharedServers.h2();

	@Test
	void twentyMegabyteDocumentRoundTripsByteIdentical() {
		byte[] document = randomBytes(20 * 1024 * 1024);
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("A00-1", "A03-2", "application/pdf", document);

		server.asSource().contentType("application/fhir+json").body(bundle.json()).post().then().statusCode(200);

		String url = server.asReader().get("/DocumentReference?patient.identifier=" + fnr + "&identifier=" + bundle.masterIdentifier(0))
				.jsonPath().getString("entry[0].resource.content[0].attachment.url");
		String binaryId = url.substring(url.lastIndexOf("Binary/"));
		byte[] read = server.asReader().accept("application/pdf").get("/" + binaryId)
				.then().statusCode(200).extract().asByteArray();
		assertThat(read).isEqualTo(document);
	}

	@Test
	void uploadOverTheLimitGets413AndStoresNothing() {
		// Test servers allow 80 MB; 62 MB of bytes is over that once base64-encoded in the bundle.
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr)
				.withDocument("A00-1", "A03-2", "application/pdf", randomBytes(62 * 1024 * 1024));

		server.asSource().contentType("application/fhir+json").body(bundle.json()).post()
				.then().statusCode(413).body("resourceType", equalTo("OperationOutcome"));

		List<Object> found = server.asReader().get("/DocumentReference?patient.identifier=" + fnr + "&identifier=" + bundle.masterIdentifier(0))
				.jsonPath().getList("entry");
		assertThat(found).isNullOrEmpty();
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}
}
