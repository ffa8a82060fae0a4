package no.dokumentdeling.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The cost of one ES256 (P-256) signature verification, as a DPoP proof check does it (Nimbus on the JDK's
 * provider), in CPU microseconds of the verifying thread, so that JVMs can be compared on a busy machine: run it on
 * each, e.g. {@code java -cp <bench classpath> no.dokumentdeling.bench.EcVerification 5000}.
 */
public final class EcVerification {

	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
		ECKey key = new ECKeyGenerator(Curve.P_256).generate();
		byte[] input = "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2In0.eyJodG0iOiJHRVQifQ".getBytes(StandardCharsets.US_ASCII);
		JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
		Base64URL signature = new ECDSASigner(key).sign(header, input);
		ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < rounds; i++) {
			verifier.verify(header, input, signature); // warm-up: JIT
		}
		long cpu = threads.getCurrentThreadCpuTime();
		for (int i = 0; i < rounds; i++) {
			if (!verifier.verify(header, input, signature)) {
				throw new IllegalStateException("signature did not verify");
			}
		}
		double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / rounds;
		System.out.printf(Locale.ROOT, "Java %s (%s): ES256 verification %.0f µs CPU each (%d rounds)%n",
				System.getProperty("java.version"), System.getProperty("java.vm.vendor"), micros, rounds);
	}
}
