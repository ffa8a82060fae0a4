package no.dokumentdeling.security.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two dev servers starting at once on a fresh checkout end up with one dev issuer key between them. */
class DevIssuerKeysTest {

	@Test
	void theFirstKeyWrittenIsTheOneEveryStartUses(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("signing-key.json");
		ECKey first = new ECKeyGenerator(Curve.P_256).keyID("first").generate();
		ECKey second = new ECKeyGenerator(Curve.P_256).keyID("second").generate();

		assertThat(DevIssuerKeys.createUnlessPresent(file, first).getKeyID()).isEqualTo("first");
		// The other start generated its key before it saw the file, and writes it now.
		assertThat(DevIssuerKeys.createUnlessPresent(file, second).getKeyID()).as("the key already written").isEqualTo("first");

		assertThat(ECKey.parse(Files.readString(file)).getKeyID()).isEqualTo("first");
		assertThat(ECKey.parse(Files.readString(file)).isPrivate()).isTrue();
		try (var left = Files.list(directory)) {
			assertThat(left).as("no temporary files left").containsExactly(file);
		}
	}
}
