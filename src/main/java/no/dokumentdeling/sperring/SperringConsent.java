package no.dokumentdeling.sperring;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.provisionActorComponent;
import org.hl7.fhir.r4.model.Consent.provisionDataComponent;
import org.hl7.fhir.r4.model.Identifier;

/**
 * A citizen's blocking decision, written as a FHIR {@code Consent} with one deny provision, either
 * <ul>
 *   <li><b>sperring of documents</b>: {@code provision.data} lists {@code DocumentReference/<id>} of the citizen's
 *       own documents ({@code meaning = instance}); health personnel no longer see them (they carry {@code NORS}
 *       while the Consent is active), except under emergency access; or
 *   <li><b>block of named health personnel</b>: {@code provision.actor} names persons by HPR number
 *       ({@code actor.reference.identifier}); they see none of the citizen's documents, even under emergency access.
 * </ul>
 * Only an {@code active} Consent blocks; withdrawing is deleting it or setting another status.
 *
 * @param active whether the Consent is in force
 * @param documentIds the blocked documents (DocumentReference ids), empty for a person block
 * @param hprNumbers the blocked persons, empty for a document block
 */
public record SperringConsent(boolean active, List<String> documentIds, List<String> hprNumbers) {

	public static final String CONSENT_SCOPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/consentscope";
	public static final String PATIENT_PRIVACY = "patient-privacy";

	public SperringConsent {
		documentIds = List.copyOf(documentIds);
		hprNumbers = List.copyOf(hprNumbers);
	}

	public boolean blocksDocuments() {
		return !documentIds.isEmpty();
	}

	/** Reads a Consent as a blocking decision, refusing (422) any shape this server would not enforce as written. */
	public static SperringConsent of(Consent consent) {
		if (!consent.hasStatus()) {
			throw invalid("status is required (active blocks; inactive withdraws).");
		}
		if (!Set.of(ConsentState.ACTIVE, ConsentState.INACTIVE, ConsentState.REJECTED, ConsentState.ENTEREDINERROR)
				.contains(consent.getStatus())) {
			throw invalid("status must be active, inactive, rejected or entered-in-error, not " + consent.getStatus().toCode() + ".");
		}
		boolean privacyScope = consent.getScope().getCoding().stream()
				.anyMatch(c -> CONSENT_SCOPE_SYSTEM.equals(c.getSystem()) && PATIENT_PRIVACY.equals(c.getCode()));
		if (!privacyScope) {
			throw invalid("scope must be " + CONSENT_SCOPE_SYSTEM + "|" + PATIENT_PRIVACY + ".");
		}
		if (consent.getCategory().isEmpty()) {
			throw invalid("category is required (e.g. LOINC 59284-0 Patient Consent).");
		}
		if (!consent.hasPolicyRule() && !consent.hasPolicy()) {
			throw invalid("policyRule (or policy) is required, e.g. v3-ActCode OPTOUT.");
		}
		if (!consent.hasProvision() || consent.getProvision().getType() != ConsentProvisionType.DENY) {
			throw invalid("provision.type must be deny: a Consent here blocks documents or named health personnel.");
		}
		Consent.ProvisionComponent provision = consent.getProvision();
		if (provision.hasProvision() || provision.hasPeriod() || provision.hasAction() || provision.hasSecurityLabel()
				|| provision.hasPurpose() || provision.hasClass_() || provision.hasCode() || provision.hasDataPeriod()) {
			throw invalid("provision may only list data (documents) or actor (health personnel); "
					+ "nested provisions, periods, actions, purposes, classes and codes are not enforced here.");
		}
		if (provision.hasData() == provision.hasActor()) {
			throw invalid("provision must list either data (documents to block) or actor (health personnel to block), "
					+ "one of them: a Consent blocks documents or persons.");
		}
		List<String> documents = new ArrayList<>();
		for (provisionDataComponent data : provision.getData()) {
			documents.add(documentId(data));
		}
		List<String> persons = new ArrayList<>();
		for (provisionActorComponent actor : provision.getActor()) {
			persons.add(hprNumber(actor));
		}
		return new SperringConsent(consent.getStatus() == ConsentState.ACTIVE,
				documents.stream().distinct().toList(), persons.stream().distinct().toList());
	}

	private static String documentId(provisionDataComponent data) {
		if (data.getMeaning() != ConsentDataMeaning.INSTANCE) {
			throw invalid("provision.data.meaning must be instance: a document is blocked by its DocumentReference.");
		}
		var id = data.getReference().getReferenceElement();
		if (!"DocumentReference".equals(id.getResourceType()) || !id.hasIdPart() || id.hasVersionIdPart() || id.isAbsolute()) {
			throw invalid("provision.data.reference must be DocumentReference/<id> of one of your documents.");
		}
		return id.getIdPart();
	}

	private static String hprNumber(provisionActorComponent actor) {
		Identifier identifier = actor.getReference().getIdentifier();
		if (!IdentifierSystems.HPR_NUMMER.equals(identifier.getSystem()) || identifier.getValue() == null
				|| !identifier.getValue().matches("\\d{1,9}")) {
			throw invalid("provision.actor.reference.identifier must be an HPR number ("
					+ IdentifierSystems.HPR_NUMMER + ", up to nine digits).");
		}
		return identifier.getValue();
	}

	static UnprocessableEntityException invalid(String why) {
		return new UnprocessableEntityException("[sperring-consent] " + why);
	}
}
