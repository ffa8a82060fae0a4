package no.dokumentdeling.norway;

import static org.hamcrest.Matchers.containsString;

import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** A source may register and correct a patient directly; the national identifier is checked and never shared. */
class PatientIdentityTest {

	private final TestServer server = SharedServers.h2();

	@Test
	void patientWithValidFodselsnummerIsCreated() {
		post(patient(IdentifierSystems.FODSELSNUMMER, SyntheticFodselsnummer.next())).then().statusCode(201);
	}

	@Test
	void rulePatientIdentifier_fodselsnummerWithWrongCheckDigitIsRejected() {
		String wrong = SyntheticFodselsnummer.withWrongCheckDigit(SyntheticFodselsnummer.next());
		post(patient(IdentifierSystems.FODSELSNUMMER, wrong)).then().statusCode(422)
				.body(containsString("patient-identifier"));
	}

	@Test
	void rulePatientIdentifier_dNummerInTheFodselsnummerSystemIsRejected() {
		post(patient(IdentifierSystems.FODSELSNUMMER, "1234")).then().statusCode(422);
	}

	@Test
	void rulePatientIdentifier_twoPatientsCannotShareAFodselsnummer() {
		String fnr = SyntheticFodselsnummer.next();
		post(patient(IdentifierSystems.FODSELSNUMMER, fnr)).then().statusCode(201);
		post(patient(IdentifierSystems.FODSELSNUMMER, fnr)).then().statusCode(409).body(containsString("patient-identifier"));
	}

	@Test
	void patientCanBeUpdatedKeepingItsFodselsnummer() {
		String fnr = SyntheticFodselsnummer.next();
		String id = post(patient(IdentifierSystems.FODSELSNUMMER, fnr)).then().statusCode(201).extract().jsonPath().getString("id");
		Patient updated = patient(IdentifierSystems.FODSELSNUMMER, fnr);
		updated.setId(id);
		updated.addName().setFamily("Haugland");

		server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(updated))
				.put("/Patient/" + id).then().statusCode(200);
	}

	private io.restassured.response.Response post(Patient patient) {
		return server.asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(patient)).post("/Patient");
	}

	private static Patient patient(String system, String value) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue(value);
		return patient;
	}
}
