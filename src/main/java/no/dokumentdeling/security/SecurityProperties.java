package no.dokumentdeling.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which access tokens this server accepts. Security is always on: with no issuer configured every request except
 * {@code GET /fhir/metadata} is answered 401.
 *
 * @param audience this API's single audience; a token must name exactly this one
 * @param issuers the token issuers trusted (HelseID test or production, or the local dev issuer)
 * @param publicBaseUrl the externally visible FHIR base (e.g. {@code https://dokumentdeling.example.no/fhir}) that
 *     clients put in the DPoP {@code htu}; when empty, {@code dokumentdeling.fhir.public-base-url} is used, and when
 *     that is empty too, the URL of the incoming request
 * @param leeway clock skew tolerated on {@code exp}, {@code nbf} and the DPoP {@code iat}
 * @param dpopMaxAge how old a DPoP proof's {@code iat} may be; also how long its {@code jti} is remembered
 * @param jwksRefetchMinInterval the least time between two fetches of an issuer's JWKS caused by unknown key ids
 *     (0 = no limit; only for tests)
 * @param jwksTimeout the connect and the read timeout of one fetch of an issuer's JWKS
 * @param jwksOutageTolerance how long an issuer's last fetched JWKS stays in use while its URL cannot be reached
 *     (0 = not at all: every token is then refused with 503 once the cache has expired)
 * @param tokenCacheTtl how long a validated access token is remembered by its hash (never past its {@code exp}),
 *     so that its signature is checked once rather than on every request; 0 checks every request. The DPoP proof is
 *     checked on every request regardless.
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.security")
public record SecurityProperties(
		String audience,
		@Valid List<Issuer> issuers,
		String publicBaseUrl,
		Duration leeway,
		Duration dpopMaxAge,
		Duration jwksRefetchMinInterval,
		Duration jwksTimeout,
		Duration jwksOutageTolerance,
		Duration tokenCacheTtl) {

	public SecurityProperties {
		if (audience == null || audience.isBlank()) audience = "dokumentdeling";
		issuers = issuers == null ? List.of() : List.copyOf(issuers);
		if (publicBaseUrl == null) publicBaseUrl = "";
		if (leeway == null) leeway = Duration.ofSeconds(30);
		if (dpopMaxAge == null) dpopMaxAge = Duration.ofSeconds(60);
		if (jwksRefetchMinInterval == null) jwksRefetchMinInterval = Duration.ofSeconds(30);
		if (jwksTimeout == null) jwksTimeout = Duration.ofSeconds(2);
		if (jwksOutageTolerance == null) jwksOutageTolerance = Duration.ofHours(1);
		if (jwksTimeout.isNegative() || jwksTimeout.isZero() || jwksOutageTolerance.isNegative()) {
			throw new IllegalArgumentException("dokumentdeling.security.jwks-timeout must be positive and "
					+ "jwks-outage-tolerance not negative");
		}
		if (tokenCacheTtl == null) tokenCacheTtl = Duration.ofMinutes(2);
		if (tokenCacheTtl.isNegative()) {
			throw new IllegalArgumentException("dokumentdeling.security.token-cache-ttl must not be negative");
		}
	}

	/**
	 * One trusted issuer.
	 *
	 * @param issuer the exact {@code iss} of its tokens
	 * @param jwksUri where its signing keys are published (fetched, cached, refetched once on an unknown {@code kid})
	 * @param jwksFile a local JWKS file instead of {@code jwksUri} (re-read when it changes)
	 * @param requireDpop {@code true} (default) accepts only DPoP-bound tokens; {@code false} also accepts
	 *     {@code Bearer}
	 */
	public record Issuer(@NotBlank String issuer, URI jwksUri, Path jwksFile, Boolean requireDpop) {

		public Issuer {
			if (requireDpop == null) requireDpop = Boolean.TRUE;
			if ((jwksUri == null) == (jwksFile == null)) {
				throw new IllegalArgumentException(
						"dokumentdeling.security.issuers: issuer " + issuer + " needs exactly one of jwks-uri and jwks-file");
			}
		}
	}
}
