package no.dokumentdeling.mhd.provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundles in {@code testdata/} do what testdata/README.md promises, posted exactly as a user would. */
class TestdataBundlesTest {

	private static TestServer server;
	private static Path documentDirectory;

	@BeforeAll
	static void start() throws IOException {
		// Its own database, since the files carry fixed ids; and document bytes in a directory rather than the
		// database, so this server also proves the filesystem storage mode.
		documentDirectory = Files.createTempDirectory("dokumentdeling-testdata");
		server = TestServer.start(TestDatabase.h2(), java.util.Map.of(
				"dokumentdeling.storage.mode", "filesystem",
				"dokumentdeling.storage.directory", documentDirectory.toString()));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theSperringConsentIsAcceptedAsItIsAndHoldsForTheNamedPerson() throws IOException {
		server.asCitizen("14896124111").contentType("application/fhir+json")
				.body(Files.readAllBytes(Path.of("testdata", "sperring-helsepersonell.json"))).post("/Consent")
				.then().statusCode(201);

		server.asSource().contentType("application/fhir+json")
				.body(no.dokumentdeling.testsupport.ProvideBundleBuilder.forPatient("14896124111").withEpikrise().json()).post()
				.then().statusCode(200);

		String search = "/DocumentReference?patient.identifier=14896124111";
		assertThat(server.asReader().get(search).then().statusCode(200).extract().jsonPath().getList("entry")).isNotEmpty();
		assertThat(server.with(no.dokumentdeling.testsupport.TestIssuer.dpop().gp().claim("helseid://claims/hpr/hpr_number", "9144990"))
				.get(search).then().statusCode(200).extract().jsonPath().getList("entry")).isNullOrEmpty();
	}

	@Test
	void validBundlesArePublishedAndTheReplacementSupersedesTheEpikrise() throws IOException {
		for (String file : new String[] {"epikrise.json", "poliklinisk-epikrise.json", "radiologisvar.json", "epikrise-erstatning.json"}) {
			post(file).then().statusCode(200).body("type", equalTo("transaction-response"));
		}
		server.asReader().get("/DocumentReference?patient.identifier=14896124111&identifier=urn:oid:2.16.578.1.12.4.1.7.993467049.1.1001")
				.then().body("entry[0].resource.status", equalTo("superseded"));
		String url = server.asReader().get("/DocumentReference?patient.identifier=14896124111&identifier=urn:oid:2.16.578.1.12.4.1.7.993467049.1.1004")
				.then().body("entry[0].resource.status", equalTo("current"))
				.extract().jsonPath().getString("entry[0].resource.content[0].attachment.url");
		byte[] pdf = server.asReader().accept("application/pdf").get("/" + url.substring(url.lastIndexOf("Binary/")))
				.then().statusCode(200).extract().asByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (var files = Files.walk(documentDirectory)) {
			assertThat(files.filter(Files::isRegularFile).count()).as("document bytes stored as files").isGreaterThanOrEqualTo(4);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({
		"missing-profile.json,              XDSRegistryMetadataError",
		"no-submissionset.json,             XDSRegistryMetadataError",
		"two-submissionsets.json,           XDSRegistryMetadataError",
		"missing-master-identifier.json,    XDSRegistryMetadataError",
		"attachment-url-not-in-bundle.json, XDSMissingDocument",
		"hash-mismatch.json,                XDSNonIdenticalHash",
		"size-mismatch.json,                XDSNonIdenticalSize",
		"patient-mismatch.json,             XDSPatientIdDoesNotMatch",
		"invalid-fodselsnummer.json,        XDSUnknownPatientId",
		"type-not-under-category.json,      XDSRegistryMetadataError",
		"unknown-security-label.json,       XDSRegistryMetadataError",
		"inline-attachment-data.json,       XDSRegistryMetadataError",
		"missing-submissionset-unique-id.json,        XDSRegistryMetadataError",
		"dangling-contained-reference.json,           XDSRegistryMetadataError",
		"comprehensive-without-facility-type.json,    XDSRegistryMetadataError",
		"comprehensive-without-designation-type.json, XDSRegistryMetadataError"
	})
	void invalidBundleIsRejectedWithItsXdsCode(String file, String xdsCode) throws IOException {
		post("invalid/" + file).then().statusCode(422)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].details.coding.code", hasItem(xdsCode));
	}

	private static io.restassured.response.Response post(String file) throws IOException {
		return server.asSource().contentType("application/fhir+json")
				.body(Files.readAllBytes(Path.of("testdata", file))).post();
	}
}
