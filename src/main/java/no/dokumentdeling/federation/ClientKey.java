package no.dokumentdeling.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;

/**
 * A client registration's private key (a JWK), with the algorithm it signs with: RS256 for RSA, ES256/384/512 for
 * EC by its curve. It signs the {@code private_key_jwt} client assertion and the on-behalf-of assertion.
 */
record ClientKey(String clientId, JWK key, JWSAlgorithm algorithm) {

	static ClientKey load(RepositoriesProperties.Credentials credentials) {
		JWK key;
		try {
			String json = credentials.privateKey() != null ? credentials.privateKey()
					: Files.readString(credentials.privateKeyFile());
			key = JWK.parse(json);
		} catch (IOException | ParseException e) {
			throw new IllegalArgumentException("dokumentdeling.repositories: the private key of client "
					+ credentials.clientId() + " cannot be read as a JWK", e);
		}
		if (!key.isPrivate() || key.getKeyID() == null) {
			throw new IllegalArgumentException("dokumentdeling.repositories: the key of client " + credentials.clientId()
					+ " must be a private JWK with a kid");
		}
		return new ClientKey(credentials.clientId(), key, algorithmOf(key));
	}

	java.security.PrivateKey privateKey() throws JOSEException {
		return key instanceof ECKey ec ? ec.toPrivateKey() : ((RSAKey) key).toPrivateKey();
	}

	JWSSigner signer() throws JOSEException {
		return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
	}

	private static JWSAlgorithm algorithmOf(JWK key) {
		if (key instanceof RSAKey) {
			return JWSAlgorithm.RS256;
		}
		if (key instanceof ECKey ec) {
			Curve curve = ec.getCurve();
			return Curve.P_384.equals(curve) ? JWSAlgorithm.ES384 : Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
		}
		throw new IllegalArgumentException("dokumentdeling.repositories: a client key must be RSA or EC");
	}
}
