package no.dokumentdeling.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This server's access tokens for the repositories: OAuth 2.0 client credentials with {@code private_key_jwt}
 * against each repository's token endpoint (as HelseID issues them), DPoP-bound to a key of this server's when the
 * repository is configured for DPoP. A token is kept until shortly before it expires, and fetched again at once
 * when a repository refuses it.
 */
class RepositoryTokens {

	/** A token is not used in its last seconds: it could expire on its way to the repository. */
	static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

	/** A token granted for a repository, and the DPoP key it is bound to (none for a Bearer token). */
	record Grant(AccessToken token, Optional<DPoPProofFactory> dpop, Instant expires) {}

	private final Map<URI, ClientKey> keys;
	private final RepositoriesProperties.Credentials client;
	private final Duration connectTimeout;
	private final Duration readTimeout;
	private final DPoPProofFactory dpop;
	private final Clock clock;
	private final Map<URI, Grant> grants = new ConcurrentHashMap<>();

	RepositoryTokens(RepositoriesProperties properties, Clock clock) {
		this.client = properties.client();
		this.connectTimeout = properties.connectTimeout();
		this.readTimeout = properties.readTimeout();
		this.clock = clock;
		this.keys = new ConcurrentHashMap<>();
		for (RepositoriesProperties.Repository repository : properties.allRepositories()) {
			repository.credentials(client).ifPresent(c -> keys.put(repository.baseUrl(), ClientKey.load(c)));
		}
		try {
			// One DPoP key for this server's run: tokens are bound to it, never to the client key itself.
			dpop = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
		} catch (JOSEException e) {
			throw new IllegalStateException("Cannot make a DPoP key", e);
		}
	}

	/** The client key this server uses towards a repository, if it has one. */
	Optional<ClientKey> key(RepositoriesProperties.Repository repository) {
		return Optional.ofNullable(keys.get(repository.baseUrl()));
	}

	/** A valid token for the repository, or empty when it is read without one (no token endpoint configured). */
	Optional<Grant> grant(RepositoriesProperties.Repository repository) throws IOException {
		if (repository.tokenEndpoint() == null) {
			return Optional.empty();
		}
		Grant known = grants.get(repository.baseUrl());
		if (known != null && clock.instant().isBefore(known.expires().minus(EXPIRY_MARGIN))) {
			return Optional.of(known);
		}
		Grant fresh = request(repository);
		grants.put(repository.baseUrl(), fresh);
		return Optional.of(fresh);
	}

	/** Forgets the repository's token, which it refused. */
	void refused(RepositoriesProperties.Repository repository) {
		grants.remove(repository.baseUrl());
	}

	private Grant request(RepositoriesProperties.Repository repository) throws IOException {
		ClientKey key = key(repository).orElseThrow();
		URI endpoint = repository.tokenEndpoint();
		try {
			PrivateKeyJWT authentication = new PrivateKeyJWT(new ClientID(key.clientId()), endpoint, key.algorithm(),
					key.privateKey(), key.key().getKeyID(), null);
			Scope scope = repository.scope() == null || repository.scope().isBlank() ? null : Scope.parse(repository.scope());
			HTTPRequest http = new TokenRequest(endpoint, authentication, new ClientCredentialsGrant(), scope).toHTTPRequest();
			if (repository.dpop()) {
				http.setDPoP(dpop.createDPoPJWT("POST", endpoint));
			}
			http.setConnectTimeout((int) connectTimeout.toMillis());
			http.setReadTimeout((int) readTimeout.toMillis());
			TokenResponse response = TokenResponse.parse(http.send());
			if (!response.indicatesSuccess()) {
				throw new IOException("The token endpoint " + endpoint + " refused: "
						+ response.toErrorResponse().getErrorObject().getCode());
			}
			AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
			long lifetime = token.getLifetime() > 0 ? token.getLifetime() : EXPIRY_MARGIN.toSeconds() * 2;
			return new Grant(token, repository.dpop() ? Optional.of(dpop) : Optional.empty(),
					clock.instant().plusSeconds(lifetime));
		} catch (JOSEException | ParseException e) {
			throw new IOException("No token from " + endpoint + ": " + e.getMessage(), e);
		}
	}
}
