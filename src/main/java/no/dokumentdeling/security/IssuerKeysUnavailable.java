package no.dokumentdeling.security;

/**
 * The signing keys of the token's issuer cannot be had: its JWKS URL does not answer in time, and no key set of it
 * is held from before (or the outage has lasted longer than {@code dokumentdeling.security.jwks-outage-tolerance}).
 * Nothing is wrong with the caller's token as far as this server can tell, so the answer is 503, not 401: a client
 * that gets 401 throws its token away; one that gets 503 tries again.
 */
final class IssuerKeysUnavailable extends RuntimeException {

	static final String TEXT = "The signing keys of the access token's issuer cannot be fetched right now. Try again shortly.";

	IssuerKeysUnavailable() {
		super(TEXT, null, false, false);
	}
}
