package no.dokumentdeling.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Why a request's credentials were not accepted, as the RFC 6750 / RFC 9449 error code and a description that
 * says what was wrong in general terms only: never a claim value, key or token fragment.
 *
 * @param error {@code invalid_request}, {@code invalid_token}, {@code invalid_dpop_proof}, or {@code null} when the
 *     request carried no credentials at all (RFC 6750 §3.1: then the challenge has no error code)
 */
final class AuthenticationFailure extends Exception {

	static final String INVALID_REQUEST = "invalid_request";
	static final String INVALID_TOKEN = "invalid_token";
	static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";
	static final String INSUFFICIENT_SCOPE = "insufficient_scope";

	/** RFC 6750 §3.1 has no error code for a request without credentials; the audit trail still needs a word. */
	static final String NO_TOKEN = "no_token";

	private final String error;
	private final boolean dpopChallenge;
	private final String detail;

	AuthenticationFailure(String error, String description) {
		this(error, description, false, null);
	}

	private AuthenticationFailure(String error, String description, boolean dpopChallenge, String detail) {
		super(description, null, false, false);
		this.error = error;
		this.dpopChallenge = dpopChallenge;
		this.detail = detail;
	}

	/** The same failure, answered with a DPoP challenge whatever scheme the request used. */
	AuthenticationFailure withDpopChallenge() {
		return new AuthenticationFailure(error, description(), true, detail);
	}

	/**
	 * The same failure with what exactly was wrong (a library's message such as "Expired JWT"): for the log and the
	 * audit trail, which only operators and auditors read; the client still gets the general description.
	 */
	AuthenticationFailure because(String detail) {
		return new AuthenticationFailure(error, description(), dpopChallenge, detail);
	}

	boolean dpopChallenge() {
		return dpopChallenge;
	}

	static AuthenticationFailure noCredentials() {
		return new AuthenticationFailure(null, "This request needs an access token.");
	}

	static AuthenticationFailure invalidRequest(String description) {
		return new AuthenticationFailure(INVALID_REQUEST, description);
	}

	static AuthenticationFailure invalidToken(String description) {
		return new AuthenticationFailure(INVALID_TOKEN, description);
	}

	static AuthenticationFailure invalidProof(String description) {
		return new AuthenticationFailure(INVALID_DPOP_PROOF, description);
	}

	/**
	 * A valid token whose scopes give its bearer no role of this server, or several (health personnel and citizen,
	 * source and reader): RFC 6750 §3.1 {@code insufficient_scope}, 403. Like every failure before a caller is
	 * established, neither the answer nor the audit record repeats what the token claims.
	 */
	static AuthenticationFailure noSingleRole() {
		String roles = Arrays.stream(Role.values())
				.map(role -> role.name().toLowerCase(Locale.ROOT) + " (" + String.join(" ", new TreeSet<>(role.scopes())) + ")")
				.collect(Collectors.joining(", "));
		return new AuthenticationFailure(INSUFFICIENT_SCOPE, "An access token must give its bearer exactly one role of "
				+ "this server: " + roles + ". This token's scopes give none or more than one.");
	}

	String error() {
		return error;
	}

	String description() {
		return getMessage();
	}

	/** Why, as the audit trail records it: the error code and the most precise description there is. */
	String reason() {
		return (error == null ? NO_TOKEN : error) + ": " + (detail != null && !detail.isBlank() ? detail : description());
	}

	/** RFC 6750 §3.1: a malformed request is 400, a token without a single role 403; everything else 401. */
	int status() {
		return INVALID_REQUEST.equals(error) ? 400 : INSUFFICIENT_SCOPE.equals(error) ? 403 : 401;
	}
}
