package no.dokumentdeling.security.dev;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The local dev issuer's signing key: an EC P-256 key generated on first use under {@code data/dev-issuer/}, with
 * its public JWKS beside it, which the server trusts in the {@code dev} profile. Never trusted in any other profile.
 */
public final class DevIssuerKeys {

	/** The dev issuer's {@code iss}; application-dev.yaml trusts exactly this. */
	public static final String ISSUER = "http://localhost:8080/dev";
	public static final Path DIRECTORY = Path.of("data", "dev-issuer");
	public static final Path PRIVATE_KEY = DIRECTORY.resolve("signing-key.json");
	public static final Path JWKS = DIRECTORY.resolve("jwks.json");

	/** The signing key, created (with its JWKS) if this is the first start. */
	public static synchronized ECKey loadOrCreate() {
		try {
			if (Files.exists(PRIVATE_KEY)) {
				ECKey key = ECKey.parse(Files.readString(PRIVATE_KEY));
				if (!Files.exists(JWKS)) {
					writePublicJwks(key);
				}
				return key;
			}
			ECKey generated = new ECKeyGenerator(Curve.P_256).keyID("dev-" + UUID.randomUUID()).generate();
			Files.createDirectories(DIRECTORY);
			ECKey key = createUnlessPresent(PRIVATE_KEY, generated);
			writePublicJwks(key);
			return key;
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the dev issuer key under " + DIRECTORY, e);
		} catch (ParseException | JOSEException e) {
			throw new IllegalStateException("The dev issuer key " + PRIVATE_KEY + " is unusable; delete it to get a new one", e);
		}
	}

	public static JWKSet publicJwks() {
		return new JWKSet(loadOrCreate().toPublicJWK());
	}

	private static void writePublicJwks(ECKey key) throws IOException {
		writeAtomically(JWKS, new JWKSet(key.toPublicJWK()).toString(true));
		setPermissions(JWKS, "rw-r--r--");
	}

	/**
	 * The key file, written whole, unless another process (two dev servers starting on a fresh checkout) wrote its own
	 * first: then that key is everybody's, so the JWKS each server trusts is the one its tokens are signed with.
	 */
	static ECKey createUnlessPresent(Path file, ECKey generated) throws IOException, ParseException {
		Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		try {
			Files.writeString(temporary, generated.toJSONString());
			// A hard link appears whole and fails if the name exists, where a rename would replace the other's key.
			Files.createLink(file, temporary);
			return generated;
		} catch (FileAlreadyExistsException e) {
			return ECKey.parse(Files.readString(file));
		} catch (UnsupportedOperationException e) {
			// A file system without hard links: the last writer's key wins, as two starts at once are unlikely there.
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return generated;
		} finally {
			Files.deleteIfExists(temporary);
		}
	}

	/** Written whole or not at all (a temporary file is created owner-only, which the private key keeps). */
	private static void writeAtomically(Path file, String content) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		Files.writeString(temporary, content);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void setPermissions(Path file, String permissions) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
		} catch (UnsupportedOperationException | IOException e) {
			// not a POSIX file system: the file keeps the default permissions
		}
	}

	private DevIssuerKeys() {}
}
