package no.dokumentdeling.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.OnBehalfAssertion;

/**
 * Signs the {@link OnBehalfAssertion} for one federated read: who this server reads for (the caller it has applied
 * the document policy to), from where and why, for exactly the document URL at the repository.
 */
final class OnBehalfAssertions {

	static final Duration LIFETIME = Duration.ofSeconds(60);

	private final Clock clock;

	OnBehalfAssertions(Clock clock) {
		this.clock = clock;
	}

	String sign(ClientKey key, Caller caller, String documentUrl, String patientIdentifier) throws JOSEException {
		Instant now = clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
				.issuer(key.clientId())
				.audience(documentUrl)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(LIFETIME)))
				.jwtID(UUID.randomUUID().toString())
				.subject(caller.hprNumber() != null ? caller.hprNumber() : caller.pid());
		putIfPresent(claims, OnBehalfAssertion.HPR_NUMBER, caller.hprNumber());
		putIfPresent(claims, OnBehalfAssertion.PID, caller.pid());
		putIfPresent(claims, "name", caller.name());
		putIfPresent(claims, OnBehalfAssertion.ACCESS_BASIS, caller.accessBasis());
		putIfPresent(claims, OnBehalfAssertion.PATIENT, patientIdentifier);
		caller.trustFramework().ifPresent(tf -> claims.claim(OnBehalfAssertion.AUTHORIZATION_DETAILS, List.of(details(tf))));
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm())
				.type(new JOSEObjectType(OnBehalfAssertion.TYPE)).keyID(key.key().getKeyID()).build(), claims.build());
		jwt.sign(key.signer());
		return jwt.serialize();
	}

	/** The trust framework in the shape HelseID sends it, so the repository reads it as it reads a token's. */
	private static Map<String, Object> details(Caller.TrustFramework tf) {
		Map<String, Object> practitioner = new LinkedHashMap<>();
		putIfPresent(practitioner, "authorization", code(tf.practitionerAuthorization()));
		putIfPresent(practitioner, "legal_entity", entity(tf.legalEntity(), tf.legalEntityName()));
		putIfPresent(practitioner, "point_of_care", entity(tf.pointOfCare(), tf.pointOfCareName()));
		putIfPresent(practitioner, "department", entity(tf.department(), null));
		Map<String, Object> care = new LinkedHashMap<>();
		putIfPresent(care, "healthcare_service", code(tf.healthcareService()));
		putIfPresent(care, "purpose_of_use", code(tf.purposeOfUse()));
		putIfPresent(care, "purpose_of_use_details", code(tf.purposeOfUseDetails()));
		putIfPresent(care, "decision_ref", entity(tf.decisionRef(), null));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("type", OnBehalfAssertion.TRUST_FRAMEWORK_TYPE);
		details.put("practitioner", practitioner);
		details.put("care_relationship", care);
		return details;
	}

	private static Map<String, Object> code(String code) {
		return code == null ? null : Map.of("code", code);
	}

	private static Map<String, Object> entity(String id, String name) {
		if (id == null) {
			return null;
		}
		Map<String, Object> entity = new LinkedHashMap<>();
		entity.put("id", id);
		if (name != null) {
			entity.put("name", name);
		}
		return entity;
	}

	private static void putIfPresent(Map<String, Object> map, String name, Object value) {
		if (value != null) {
			map.put(name, value);
		}
	}

	private static void putIfPresent(JWTClaimsSet.Builder claims, String name, String value) {
		if (value != null) {
			claims.claim(name, value);
		}
	}
}
