package no.dokumentdeling.security;

import no.dokumentdeling.database.DatabaseUnavailable;
import no.dokumentdeling.web.OperationOutcomeJson;
import org.springframework.dao.DataAccessResourceFailureException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.dokumentdeling.fhir.ApiDocsInterceptor;
import no.dokumentdeling.fhir.EarlyRefusal;
import no.dokumentdeling.observability.DomainMetrics;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of every path of the FHIR servlet, so nothing reaches HAPI unauthenticated: the only anonymous requests
 * are {@code GET /fhir/metadata} and the API documentation generated from it ({@link ApiDocsInterceptor}).
 * Validates the access token and, for the {@code DPoP} scheme, its proof; then attaches the {@link Caller} to the
 * request. Refusals are 401 (400 for a malformed request) with a {@code
 * WWW-Authenticate} challenge and an OperationOutcome; the precise reason stays on the request as an {@link
 * EarlyRefusal}, for the audit trail.
 */
final class AuthenticationFilter extends OncePerRequestFilter {

	/** RFC 6750 §2.1 b64token. */
	private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private final AccessTokenValidator tokens;
	private final DpopVerifier dpop;
	private final String algorithms;
	private final DomainMetrics metrics;
	private final OnBehalfAssertionVerifier onBehalf;

	AuthenticationFilter(AccessTokenValidator tokens, DpopVerifier dpop, DomainMetrics metrics,
			OnBehalfAssertionVerifier onBehalf) {
		this.tokens = tokens;
		this.dpop = dpop;
		this.onBehalf = onBehalf;
		this.metrics = metrics;
		this.algorithms = AccessTokenValidator.ALLOWED_ALGORITHMS.stream().map(a -> a.getName()).sorted()
				.collect(Collectors.joining(" "));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> authorization = Collections.list(request.getHeaders("Authorization"));
		String scheme = null;
		try {
			if (authorization.isEmpty()) {
				if (isAnonymousAllowed(request)) {
					chain.doFilter(request, response);
					return;
				}
				throw AuthenticationFailure.noCredentials();
			}
			if (authorization.size() > 1) {
				throw AuthenticationFailure.invalidRequest("Send one Authorization header.");
			}
			String[] parts = authorization.get(0).trim().split(" +", 2);
			scheme = parts[0];
			if (!"DPoP".equalsIgnoreCase(scheme) && !"Bearer".equalsIgnoreCase(scheme)) {
				throw AuthenticationFailure.invalidRequest("Use the DPoP or Bearer authorization scheme.");
			}
			if (parts.length < 2 || !TOKEN68.matcher(parts[1].trim()).matches()) {
				throw AuthenticationFailure.invalidToken("The access token is malformed.");
			}
			Caller caller = authenticate(request, scheme, parts[1].trim());
			if (caller.role() == Role.FEDERATING_INDEX) {
				caller = onBehalf.verify(request, caller, dpop.targetUri(request));
			}
			Callers.attach(request, caller);
		} catch (AuthenticationFailure failure) {
			new EarlyRefusal(failure.status(), failure.reason()).attachTo(request);
			metrics.authenticationRefused(failure.error());
			challenge(request, response, scheme, failure);
			return;
		} catch (DataAccessResourceFailureException outage) {
			// The DPoP replay check needs the database: answered here, so neither Tomcat nor the request log sees a 500.
			answerUnavailable(response, DatabaseUnavailable.TEXT);
			return;
		} catch (IssuerKeysUnavailable outage) {
			answerUnavailable(response, IssuerKeysUnavailable.TEXT);
			return;
		}
		chain.doFilter(request, response);
	}

	private static void answerUnavailable(HttpServletResponse response, String text) throws IOException {
		response.setStatus(DatabaseUnavailable.STATUS);
		response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
		response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
		response.getOutputStream().write(OperationOutcomeJson.error("transient", text));
	}

	private Caller authenticate(HttpServletRequest request, String scheme, String token) throws AuthenticationFailure {
		List<String> proofs = Collections.list(request.getHeaders("DPoP"));
		AccessTokenValidator.ValidatedToken validated = tokens.validate(token);
		if ("DPoP".equalsIgnoreCase(scheme)) {
			if (proofs.size() != 1) {
				throw AuthenticationFailure.invalidProof("The DPoP scheme needs exactly one DPoP proof header.");
			}
			dpop.verify(request, proofs.get(0), validated);
			return CallerFactory.from(validated.claims(), request, true);
		}
		// Bearer: a request never mixes the two schemes, and a DPoP-bound token is never accepted without its proof.
		if (!proofs.isEmpty()) {
			throw AuthenticationFailure.invalidRequest("A DPoP proof belongs with the DPoP scheme, not Bearer.");
		}
		if (validated.issuer().requireDpop()) {
			throw AuthenticationFailure.invalidToken("This issuer's tokens must be presented with the DPoP scheme.")
					.withDpopChallenge();
		}
		if (validated.claims().getClaim("cnf") != null) {
			throw AuthenticationFailure.invalidToken("A DPoP-bound token must be presented with the DPoP scheme.")
					.withDpopChallenge();
		}
		return CallerFactory.from(validated.claims(), request, false);
	}

	/** Anonymous callers may read the CapabilityStatement and its API documentation, and nothing else. */
	private static boolean isAnonymousAllowed(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) && "/metadata".equals(request.getPathInfo())
				|| ApiDocsInterceptor.isApiDocs(request);
	}

	private void challenge(HttpServletRequest request, HttpServletResponse response, String scheme,
			AuthenticationFailure failure) throws IOException {
		boolean bearer = "Bearer".equalsIgnoreCase(scheme) && tokens.anyIssuerAcceptsBearer() && !failure.dpopChallenge();
		StringBuilder challenge = new StringBuilder(bearer ? "Bearer realm=\"dokumentdeling\"" : "DPoP algs=\"" + algorithms + "\"");
		if (failure.error() != null) {
			challenge.append(", error=\"").append(failure.error()).append("\", error_description=\"")
					.append(failure.description()).append('"');
		}
		response.setStatus(failure.status());
		response.addHeader("WWW-Authenticate", challenge.toString());
		if (scheme == null && tokens.anyIssuerAcceptsBearer()) {
			response.addHeader("WWW-Authenticate", "Bearer realm=\"dokumentdeling\"");
		}
		response.setContentType("application/fhir+json;charset=UTF-8");
		String code = switch (failure.status()) {
			case 400 -> "invalid";
			case 403 -> "forbidden";
			default -> "login";
		};
		String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
				+ "\",\"diagnostics\":\"" + failure.description() + "\"}]}";
		response.getOutputStream().write(outcome.getBytes(StandardCharsets.UTF_8));
	}
}
