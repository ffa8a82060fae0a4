package no.dokumentdeling.security;

/**
 * The signed assertion a federating index sends with each ITI-68 it makes at a document repository, naming the
 * person it reads for: a JWS signed with the index's own client key (the one it authenticates with, {@code
 * private_key_jwt}), in the request header {@value #HEADER}. Claims use HelseID's names, so the repository reads the
 * person as it would from a HelseID token:
 * <ul>
 *   <li>header {@code typ} {@value #TYPE}, {@code kid} of the index's key;
 *   <li>{@code iss} the index's {@code client_id} (the same as its access token's), {@code aud} the exact document URL
 *       read, {@code iat}, {@code exp} (at most {@link #MAX_LIFETIME_SECONDS} later), {@code jti};
 *   <li>{@code sub} and {@code helseid://claims/hpr/hpr_number} (health personnel) or {@code
 *       helseid://claims/identity/pid} (a citizen), {@code name};
 *   <li>{@code authorization_details}: the trust-framework parameters (legal entity, point of care, purpose of use);
 *   <li>{@value #ACCESS_BASIS} the {@code nhn-access-basis} the person read under ({@code akutt} for emergency access);
 *   <li>{@value #PATIENT} the patient as {@code system|value} (fødselsnummer or D-nummer), when the index knows it.
 * </ul>
 */
public final class OnBehalfAssertion {

	public static final String HEADER = "Dokumentdeling-On-Behalf-Of";
	public static final String TYPE = "on-behalf-of+jwt";
	public static final String ACCESS_BASIS = "nhn-access-basis";
	public static final String PATIENT = "patient";
	public static final String HPR_NUMBER = CallerFactory.HPR_NUMBER;
	public static final String PID = CallerFactory.PID;
	public static final String AUTHORIZATION_DETAILS = CallerFactory.AUTHORIZATION_DETAILS;
	public static final String TRUST_FRAMEWORK_TYPE = CallerFactory.TRUST_FRAMEWORK_TYPE;
	public static final long MAX_LIFETIME_SECONDS = 120;

	private OnBehalfAssertion() {}
}
