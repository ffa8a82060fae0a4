package no.dokumentdeling.security;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a {@link Caller} from a validated token's claims and the NHN request headers. */
final class CallerFactory {

	static final String PID = "helseid://claims/identity/pid";
	static final String HPR_NUMBER = "helseid://claims/hpr/hpr_number";
	static final String SECURITY_LEVEL = "helseid://claims/identity/security_level";
	static final String ORGNR_PARENT = "helseid://claims/client/claims/orgnr_parent";
	static final String ORGNR_CHILD = "helseid://claims/client/claims/orgnr_child";
	static final String CLIENT_NAME = "helseid://claims/client/client_name";
	static final String AUTHORIZATION_DETAILS = "authorization_details";
	static final String TRUST_FRAMEWORK_TYPE = "nhn:tillitsrammeverk:parameters";

	/** @throws AuthenticationFailure 403 when the token's scopes give no role of this server, or more than one */
	static Caller from(JWTClaimsSet claims, HttpServletRequest request, boolean dpopBound) throws AuthenticationFailure {
		Set<String> scopes = scopes(claims.getClaim("scope"));
		Role role = Role.of(scopes).orElseThrow(AuthenticationFailure::noSingleRole);
		return new Caller(
				claims.getIssuer(),
				claims.getSubject(),
				text(claims.getClaim(PID)),
				text(claims.getClaim(HPR_NUMBER)),
				text(claims.getClaim("name")),
				text(claims.getClaim(SECURITY_LEVEL)),
				text(claims.getClaim(ORGNR_PARENT)),
				text(claims.getClaim(ORGNR_CHILD)),
				text(claims.getClaim("client_id")),
				text(claims.getClaim(CLIENT_NAME)),
				scopes,
				role,
				trustFramework(claims.getClaim(AUTHORIZATION_DETAILS)),
				request.getHeader("nhn-event-id"),
				request.getHeader("nhn-source-system"),
				request.getHeader("nhn-access-basis"),
				dpopBound);
	}

	/**
	 * A federating index's caller as the person its verified {@link OnBehalfAssertion} names: the index's role,
	 * client, scopes and request headers, the assertion's person, trust framework and access basis.
	 */
	static Caller onBehalf(JWTClaimsSet assertion, Caller index) {
		return new Caller(
				index.issuer(),
				index.subject(),
				text(assertion.getClaim(PID)),
				text(assertion.getClaim(HPR_NUMBER)),
				text(assertion.getClaim("name")),
				index.securityLevel(),
				index.orgnrParent(),
				index.orgnrChild(),
				index.clientId(),
				index.clientName(),
				index.scopes(),
				index.role(),
				trustFramework(assertion.getClaim(AUTHORIZATION_DETAILS)),
				index.eventId(),
				index.sourceSystem(),
				text(assertion.getClaim(OnBehalfAssertion.ACCESS_BASIS)),
				index.dpopBound());
	}

	/** {@code scope} as a space-separated string (OAuth 2) or a JSON array (HelseID, built on IdentityServer). */
	static Set<String> scopes(Object claim) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claim instanceof String text) {
			Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
		} else if (claim instanceof Collection<?> list) {
			list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
		}
		return scopes;
	}

	/** The trust-framework entry of {@code authorization_details}, which HelseID sends as one object or an array. */
	static Optional<Caller.TrustFramework> trustFramework(Object claim) {
		List<?> details = claim instanceof List<?> list ? list : claim == null ? List.of() : List.of(claim);
		return details.stream()
				.filter(Map.class::isInstance)
				.map(d -> (Map<?, ?>) d)
				.filter(d -> TRUST_FRAMEWORK_TYPE.equals(d.get("type")))
				.findFirst()
				.map(CallerFactory::parseTrustFramework);
	}

	private static Caller.TrustFramework parseTrustFramework(Map<?, ?> details) {
		Map<?, ?> practitioner = object(details.get("practitioner"));
		Map<?, ?> care = object(details.get("care_relationship"));
		return new Caller.TrustFramework(
				code(practitioner.get("authorization")),
				id(practitioner.get("legal_entity")),
				text(object(practitioner.get("legal_entity")).get("name")),
				id(practitioner.get("point_of_care")),
				text(object(practitioner.get("point_of_care")).get("name")),
				id(practitioner.get("department")),
				code(care.get("healthcare_service")),
				code(care.get("purpose_of_use")),
				code(care.get("purpose_of_use_details")),
				id(care.get("decision_ref")));
	}

	/** An element given as {@code {"id": ...}} or as the plain id. */
	private static String id(Object element) {
		return element instanceof Map<?, ?> map ? text(map.get("id")) : text(element);
	}

	/** An element given as {@code {"code": ...}} or as the plain code. */
	private static String code(Object element) {
		return element instanceof Map<?, ?> map ? text(map.get("code")) : text(element);
	}

	private static Map<?, ?> object(Object element) {
		return element instanceof Map<?, ?> map ? map : Map.of();
	}

	private static String text(Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
	}

	private CallerFactory() {}
}
