package no.dokumentdeling.sperring;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The Patient a citizen is. A citizen may block a health person before any document about them has been published,
 * so their Patient is registered on first need, by the same conditional create ITI-65 uses for a new patient.
 */
@Component
class CitizenPatients {

	private final DaoRegistry daoRegistry;

	CitizenPatients(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The id of the Patient whose fødselsnummer or D-nummer is {@code pid}, registering the Patient if needed. */
	String patientIdOf(String pid) {
		String system = identifierSystemOf(pid);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(system).setValue(pid);
		return daoRegistry.getResourceDao(Patient.class)
				.create(patient, "Patient?identifier=" + system + "|" + pid, new SystemRequestDetails())
				.getId().getIdPart();
	}

	/** Fødselsnummer or D-nummer, whichever {@code pid} is valid as. */
	static String identifierSystemOf(String pid) {
		for (String system : new String[] {IdentifierSystems.FODSELSNUMMER, IdentifierSystems.D_NUMMER}) {
			if (PersonIdentifier.parse(system, pid).isPresent()) {
				return system;
			}
		}
		throw new ForbiddenOperationException(
				"The token's person id (helseid://claims/identity/pid) is not a valid fødselsnummer or D-nummer.");
	}
}
