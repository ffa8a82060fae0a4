package no.dokumentdeling.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The client registration of a test national index that reads documents from repositories (federated ITI-68): its
 * client id and EC key, registered at {@link TestIssuer#dpop()}'s token endpoint, its private key in a file for the
 * index's configuration and its public JWKS in a file for the repositories'. Every {@link TestServer} trusts it as a
 * federating index, so any test server can be the repository.
 */
public final class FederatingIndexClient {

	public static final String CLIENT_ID = "dokumentdeling-test-index";
	public static final String ORGNR = "983544622";
	public static final String SCOPE = "dokumentdeling/federation/read-document";

	private static FederatingIndexClient instance;

	private final ECKey key;
	private final Path privateKeyFile;
	private final Path jwksFile;

	private FederatingIndexClient() {
		try {
			key = new ECKeyGenerator(Curve.P_256).keyID("index-" + UUID.randomUUID()).generate();
			privateKeyFile = Files.createTempFile("dokumentdeling-index-key", ".json");
			Files.writeString(privateKeyFile, key.toJSONString());
			jwksFile = Files.createTempFile("dokumentdeling-index-jwks", ".json");
			Files.writeString(jwksFile, new JWKSet(key.toPublicJWK()).toString(true));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		TestIssuer.dpop().registerClient(CLIENT_ID, key.toPublicJWK(), Map.of(
				"helseid://claims/client/client_name", "Testnasjonal indeks",
				"helseid://claims/client/claims/orgnr_parent", ORGNR));
	}

	public static synchronized FederatingIndexClient get() {
		if (instance == null) {
			instance = new FederatingIndexClient();
		}
		return instance;
	}

	public ECKey key() {
		return key;
	}

	/** What a repository is configured with to trust this index. */
	public Map<String, Object> trustedByRepository() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("dokumentdeling.security.federation.indexes[0].client-id", CLIENT_ID);
		properties.put("dokumentdeling.security.federation.indexes[0].jwks-file", jwksFile.toString());
		return properties;
	}

	/**
	 * What an index is configured with to read {@code sourceOrgnr}'s reference-mode documents from a dokumentdeling
	 * repository at {@code baseUrl} (plain http allowed): its client credentials, and a token from the test issuer's
	 * token endpoint ({@code private_key_jwt}, DPoP) for that repository as {@code repositories[0]}.
	 */
	public Map<String, Object> readingFrom(String sourceOrgnr, String baseUrl) {
		Map<String, Object> properties = clientCredentials();
		properties.put("dokumentdeling.repositories.allow-http", "true");
		String source = "dokumentdeling.repositories.sources[0].";
		properties.put(source + "orgnr", sourceOrgnr);
		properties.put(source + "repositories[0].base-url", baseUrl);
		properties.put(source + "repositories[0].token-endpoint", TestIssuer.dpop().tokenEndpoint());
		properties.put(source + "repositories[0].scope", SCOPE);
		return properties;
	}

	/** The index's own client credentials, for {@code dokumentdeling.repositories.client}. */
	public Map<String, Object> clientCredentials() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("dokumentdeling.repositories.client.client-id", CLIENT_ID);
		properties.put("dokumentdeling.repositories.client.private-key-file", privateKeyFile.toString());
		return properties;
	}
}
