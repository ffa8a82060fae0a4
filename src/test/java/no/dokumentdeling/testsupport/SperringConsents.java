package no.dokumentdeling.testsupport;

import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Reference;

/** The Consents a citizen writes to block (sperre) documents or a named health person, as the server accepts them. */
public final class SperringConsents {

	public static Consent consent() {
		Consent consent = new Consent();
		consent.setStatus(ConsentState.ACTIVE);
		consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
		consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
		consent.getPolicyRule().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("OPTOUT");
		consent.getProvision().setType(ConsentProvisionType.DENY);
		return consent;
	}

	public static Consent blockDocuments(String... documentIds) {
		Consent consent = consent();
		for (String id : documentIds) {
			consent.getProvision().addData().setMeaning(ConsentDataMeaning.INSTANCE).setReference(new Reference("DocumentReference/" + id));
		}
		return consent;
	}

	public static Consent blockPerson(String hprNumber) {
		Consent consent = consent();
		consent.getProvision().addActor().getReference().getIdentifier().setSystem(IdentifierSystems.HPR_NUMMER).setValue(hprNumber);
		consent.getProvision().getActorFirstRep().getRole().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationType").setCode("PRCP");
		return consent;
	}

	/** Creates the Consent as the citizen; returns {@code Consent/<id>}. */
	public static String create(TestServer server, String fnr, Consent consent) {
		String location = server.asCitizen(fnr).contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(consent)).post("/Consent")
				.then().statusCode(201).extract().header("Location");
		String[] parts = location.substring(location.indexOf("Consent/")).split("/");
		return parts[0] + "/" + parts[1];
	}

	private SperringConsents() {}
}
