package no.dokumentdeling.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * This server as a document repository: the federating indexes whose reads it accepts (role {@link
 * Role#FEDERATING_INDEX}). Such an index authenticates with a token of a trusted issuer carrying {@link
 * Scopes#FEDERATED_READ_DOCUMENT}, and says on whose behalf it reads in an {@link OnBehalfAssertion} signed with the
 * key listed here for its client id. With none configured, that scope is refused.
 *
 * @param indexes the trusted indexes
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.security.federation")
public record FederationTrustProperties(@Valid List<TrustedIndex> indexes) {

	public FederationTrustProperties {
		indexes = indexes == null ? List.of() : List.copyOf(indexes);
	}

	Optional<TrustedIndex> index(String clientId) {
		return indexes.stream().filter(i -> i.clientId().equals(clientId)).findFirst();
	}

	/**
	 * @param clientId the index's {@code client_id} in its access tokens and the {@code iss} of its assertions
	 * @param jwksUri where the index publishes its public key(s)
	 * @param jwksFile a local JWKS file instead
	 */
	public record TrustedIndex(@NotBlank String clientId, URI jwksUri, Path jwksFile) {

		public TrustedIndex {
			if ((jwksUri == null) == (jwksFile == null)) {
				throw new IllegalArgumentException(
						"dokumentdeling.security.federation.indexes: " + clientId + " needs exactly one of jwks-uri and jwks-file");
			}
		}
	}
}
