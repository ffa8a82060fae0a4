package no.dokumentdeling.mhd.provide;

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

	@BeforeAll
	static void start() {
		// Its own database: the files carry fixed ids that other tests must not collide with.
		server = TestServer.start(TestDatabase.h2());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void validBundlesArePublishedAndTheReplacementSupersedesTheEpikrise() throws IOException {
		for (String file : new String[] {"epikrise.json", "poliklinisk-epikrise.json", "radiologisvar.json", "epikrise-erstatning.json"}) {
			post(file).then().statusCode(200).body("type", equalTo("transaction-response"));
		}
		server.asReader().get("/DocumentReference?identifier=urn:oid:2.16.578.1.12.4.1.7.993467049.1.1001")
				.then().body("entry[0].resource.status", equalTo("superseded"));
		server.asReader().get("/DocumentReference?identifier=urn:oid:2.16.578.1.12.4.1.7.993467049.1.1004")
				.then().body("entry[0].resource.status", equalTo("current"));
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
		"inline-attachment-data.json,       XDSRegistryMetadataError"
	})
	void invalidBundleIsRejectedWithItsXdsCode(String file, String xdsCode) throws IOException {
		post("invalid/" + file).then().statusCode(422)
				.body("resourceType", equalTo("OperationOutcome"))
				.body("issue[0].details.coding.code", hasItem(xdsCode));
	}

	private static io.restassured.response.Response post(String file) throws IOException {
		return server.asSource().contentType("application/fhir+json")
				.body(Files.readString(Path.of("testdata", file))).post();
	}
}
