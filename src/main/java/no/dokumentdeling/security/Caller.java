package no.dokumentdeling.security;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, from a validated access token and the NHN request headers, with exactly one {@link Role}. One
 * value for every later step
 * (authorization here, the Responder's filtering, the audit record). Claims the token does not carry are {@code
 * null}.
 *
 * @param issuer the token's {@code iss}
 * @param subject the token's {@code sub}
 * @param pid {@code helseid://claims/identity/pid}: the national id of the person behind the call
 * @param hprNumber {@code helseid://claims/hpr/hpr_number}: the person's HPR number, for health personnel
 * @param name the person's {@code name}
 * @param securityLevel {@code helseid://claims/identity/security_level} (4 = high assurance)
 * @param orgnrParent {@code helseid://claims/client/claims/orgnr_parent}: the legal entity running the client
 * @param orgnrChild {@code helseid://claims/client/claims/orgnr_child}: the client's point of care
 * @param clientId {@code client_id}
 * @param clientName {@code helseid://claims/client/client_name}
 * @param scopes the token's scopes: which operations the caller asked to be allowed
 * @param role who the caller is, decided once from the scopes ({@link Role#of})
 * @param trustFramework the trust-framework {@code authorization_details}, if the token has them
 * @param eventId request header {@code nhn-event-id} (correlation id)
 * @param sourceSystem request header {@code nhn-source-system}
 * @param accessBasis request header {@code nhn-access-basis} ({@code samtykke}, {@code akutt}, {@code unntak})
 * @param dpopBound whether the token was presented with a verified DPoP proof
 */
public record Caller(
		String issuer,
		String subject,
		String pid,
		String hprNumber,
		String name,
		String securityLevel,
		String orgnrParent,
		String orgnrChild,
		String clientId,
		String clientName,
		Set<String> scopes,
		Role role,
		Optional<TrustFramework> trustFramework,
		String eventId,
		String sourceSystem,
		String accessBasis,
		boolean dpopBound) {

	public Caller {
		scopes = Set.copyOf(scopes);
		if (role == null) {
			throw new IllegalArgumentException("A caller has a role");
		}
	}

	public boolean hasScope(String scope) {
		return scopes.contains(scope);
	}

	/**
	 * The organisasjonsnummer of the legal entity the caller acts for: the trust framework's, else the client's
	 * {@code orgnr_parent}. What the audit names as the caller's organisation, and what a retraction is decided on.
	 */
	public String legalEntity() {
		return trustFramework().map(TrustFramework::legalEntity).orElse(orgnrParent);
	}

	/**
	 * The trust framework ("tillitsrammeverk") parameters: who reads, where and why. HelseID sends them as
	 * {@code authorization_details} of type {@code nhn:tillitsrammeverk:parameters}.
	 *
	 * @param practitionerAuthorization {@code practitioner.authorization} code, e.g. {@code LE} (lege)
	 * @param legalEntity {@code practitioner.legal_entity} id (organisasjonsnummer)
	 * @param legalEntityName its name, if given
	 * @param pointOfCare {@code practitioner.point_of_care} id
	 * @param pointOfCareName its name, if given
	 * @param department {@code practitioner.department} id
	 * @param healthcareService {@code care_relationship.healthcare_service} code
	 * @param purposeOfUse {@code care_relationship.purpose_of_use} code, e.g. {@code TREAT}, {@code ETREAT}
	 * @param purposeOfUseDetails {@code care_relationship.purpose_of_use_details} code
	 * @param decisionRef {@code care_relationship.decision_ref} id: the decision that gave access
	 */
	public record TrustFramework(
			String practitionerAuthorization,
			String legalEntity,
			String legalEntityName,
			String pointOfCare,
			String pointOfCareName,
			String department,
			String healthcareService,
			String purposeOfUse,
			String purposeOfUseDetails,
			String decisionRef) {

		/** Legal entity, point of care and purpose of use: what a health personnel read must always say. */
		public boolean isComplete() {
			return present(legalEntity) && present(pointOfCare) && present(purposeOfUse);
		}
	}

	static boolean present(String value) {
		return value != null && !value.isBlank();
	}
}
