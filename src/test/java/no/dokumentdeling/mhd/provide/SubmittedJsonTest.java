package no.dokumentdeling.mhd.provide;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-in for a Binary's bytes changes nothing the FHIR R4 validator says about a bundle (severity, location,
 * message), and only plain base64 directly in an entry's Binary is replaced: anything the validator would remark on
 * reaches it as it was sent.
 */
class SubmittedJsonTest {

	private static final FhirContext FHIR = ProvideBundleBuilder.FHIR;
	private static FhirValidator validator;

	@BeforeAll
	static void validator() {
		validator = FHIR.newValidator();
		validator.setValidateAgainstStandardSchema(false);
		validator.setValidateAgainstStandardSchematron(false);
		validator.registerValidatorModule(new InstanceValidatorPool(FhirR4Validation.coreDefinitions(FHIR), 2));
	}

	@Test
	void theValidatorSaysTheSameAboutEveryBundleWithTheStandIn() throws IOException {
		for (Map.Entry<String, String> bundle : bundles().entrySet()) {
			String sent = bundle.getValue();
			String standIn = SubmittedJson.withoutBinaryData(sent);
			assertThat(standIn.length()).as(bundle.getKey()).isLessThan(sent.length());
			assertThat(messages(standIn)).as(bundle.getKey()).isEqualTo(messages(sent));
		}
	}

	@Test
	void brokenBase64IsLeftForTheValidator() {
		String sent = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()).withEpikrise().json();
		int data = sent.indexOf("\"data\":\"") + 8;
		for (String broken : List.of("A", "AAA AAAA", "AA\\nAA", "AA\\u0041A", "AAA!", "")) {
			String json = sent.substring(0, data) + broken + sent.substring(sent.indexOf('"', data));
			assertThat(SubmittedJson.withoutBinaryData(json)).as(broken).isEqualTo(json);
		}
		String odd = sent.substring(0, data) + "A" + sent.substring(data);
		assertThat(messages(odd)).anyMatch(m -> m.startsWith("ERROR"));
	}

	@Test
	void onlyTheDataOfAnEntrysBinaryIsReplaced() {
		String documentData = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
				+ "{\"resourceType\":\"DocumentReference\",\"data\":\"AAAABBBB\"}}]}";
		String twice = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":"
				+ "{\"resourceType\":\"Binary\",\"data\":\"AAAABBBB\",\"data\":\"CCCCDDDD\"}}]}";
		String contained = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"DocumentReference\","
				+ "\"contained\":[{\"resourceType\":\"Binary\",\"data\":\"AAAABBBB\"}]}}]}";
		String notJson = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Binary\",\"data\":\"AAAABBBB\"";
		for (String json : List.of(documentData, twice, contained, notJson, "[]", "")) {
			assertThat(SubmittedJson.withoutBinaryData(json)).isEqualTo(json);
		}
		String typeAfterData = "{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"data\":\"AAAABBBB\","
				+ "\"resourceType\":\"Binary\"}},{\"resource\":{\"resourceType\":\"Binary\",\"data\":\"CCCC+/==\"}}]}";
		assertThat(SubmittedJson.withoutBinaryData(typeAfterData)).isEqualTo("{\"resourceType\":\"Bundle\",\"entry\":"
				+ "[{\"resource\":{\"data\":\"AAAA\",\"resourceType\":\"Binary\"}},{\"resource\":{\"resourceType\":\"Binary\",\"data\":\"AAAA\"}}]}");
	}

	private static List<String> messages(String json) {
		// Lines and columns after a replaced value on its line move; what the server reports is location and text.
		return validator.validateWithResult(json).getMessages().stream().map(SubmittedJsonTest::describe).toList();
	}

	private static String describe(SingleValidationMessage m) {
		return m.getSeverity() + " " + m.getLocationString() + " " + m.getMessageId() + " " + m.getMessage() + " "
				+ m.getSliceMessages();
	}

	/** testdata/ as written there (pretty-printed), and built bundles as a client encodes them, small to 2 MB. */
	private static Map<String, String> bundles() throws IOException {
		Map<String, String> bundles = new LinkedHashMap<>();
		try (Stream<Path> files = Stream.concat(Files.list(Path.of("testdata")), Files.list(Path.of("testdata", "invalid")))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				String json = Files.readString(file);
				if (json.contains("\"Binary\"") && json.contains("\"data\"")) {
					bundles.put(file.toString(), json);
				}
			}
		}
		Random random = new Random(65);
		for (int size : List.of(1, 2, 3, 100, 20 * 1024, 2 * 1024 * 1024)) {
			byte[] bytes = new byte[size];
			random.nextBytes(bytes);
			ProvideBundleBuilder built = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
					.withDocument("A00-1", "A03-2", "application/pdf", bytes).withEpikrise();
			built.binary(1).setContentType(null);
			bundles.put("built, " + size + " bytes and an epikrise whose Binary lacks contentType", built.json());
		}
		return bundles;
	}
}
