package no.dokumentdeling.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

/**
 * What a health personnel token must show before it reads anything: the person logged in at security level 4
 * (high assurance), is authorised health personnel (an HPR number), and the trust framework says where they work
 * (legal entity, point of care) and why they read (purpose of use). That is also what the audit record needs.
 */
final class HealthPersonnel {

	static final String REQUIRED_SECURITY_LEVEL = "4";

	static void require(Caller caller) {
		if (!REQUIRED_SECURITY_LEVEL.equals(caller.securityLevel())) {
			throw new ForbiddenOperationException("Health personnel access needs security level "
					+ REQUIRED_SECURITY_LEVEL + " (helseid://claims/identity/security_level).");
		}
		if (!Caller.present(caller.hprNumber())) {
			throw new ForbiddenOperationException(
					"Health personnel access needs an HPR number (helseid://claims/hpr/hpr_number).");
		}
		if (caller.trustFramework().filter(Caller.TrustFramework::isComplete).isEmpty()) {
			throw new ForbiddenOperationException("Health personnel access needs authorization_details of type "
					+ CallerFactory.TRUST_FRAMEWORK_TYPE + " with the practitioner's legal_entity and point_of_care "
					+ "and the care_relationship's purpose_of_use.");
		}
	}

	private HealthPersonnel() {}
}
