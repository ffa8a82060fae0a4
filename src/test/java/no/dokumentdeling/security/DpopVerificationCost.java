package no.dokumentdeling.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.dokumentdeling.testsupport.DpopKey;
import no.dokumentdeling.testsupport.TestIssuer;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The CPU cost of one full DPoP proof check as {@link AuthenticationFilter} makes it ({@link DpopVerifier#verify}:
 * parsing, header and claims checks, {@code ath}, {@code htu} matching, the ES256 signature, the {@code jti} insert
 * into an in-memory H2 table), in CPU microseconds of the verifying thread, so that builds and JVMs can be compared
 * on a busy machine. Proofs are made beforehand, one per check, as a client makes them for ITI-67 searches (one key,
 * one bound token, a fresh {@code jti} and {@code iat} each):
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench/classpath.txt)
 * no.dokumentdeling.security.DpopVerificationCost [proofs] [rounds]}.
 */
public final class DpopVerificationCost {

	private static final String BASE = "https://dokumentdeling.example.no/fhir";

	public static void main(String[] args) throws Exception {
		int proofs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:dpopcost;DB_CLOSE_DELAY=-1");
		new JdbcTemplate(dataSource).execute(
				"CREATE TABLE dd_dpop_jti (jti_hash VARCHAR(64) PRIMARY KEY, expires_at BIGINT NOT NULL)");
		SecurityProperties properties = new SecurityProperties(null, null, null, null, null, null, null, null, null);
		DpopVerifier verifier = new DpopVerifier(properties, BASE,
				new DpopReplayCache(dataSource, properties.dpopMaxAge().plus(properties.leeway()), Clock.systemUTC()));
		DpopKey key = DpopKey.generate();
		String token = TestIssuer.dpop().gp().boundTo(key).build();
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		AccessTokenValidator.ValidatedToken validated = new AccessTokenValidator.ValidatedToken(token, claims, null);
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		check(verifier, key, token, validated, proofs); // warm-up: JIT
		List<String> figures = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			figures.add(String.format(Locale.ROOT, "%.0f", check(verifier, key, token, validated, proofs) / 1e3));
		}
		System.out.printf(Locale.ROOT, "Java %s (%s): DPoP proof check, µs CPU each, %d proofs per round: %s%n",
				System.getProperty("java.version"), System.getProperty("java.vm.vendor"), proofs, String.join(" ", figures));
		TestIssuer.dpop().close();
	}

	/** CPU nanoseconds of this thread per check of {@code count} fresh proofs (made before the clock starts). */
	private static double check(DpopVerifier verifier, DpopKey key, String token,
			AccessTokenValidator.ValidatedToken validated, int count) throws AuthenticationFailure {
		String url = BASE + "/DocumentReference";
		List<String> proofs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			proofs.add(key.proof("GET", url + "?patient.identifier=x&status=current", token));
		}
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/DocumentReference");
		request.setServletPath("/fhir");
		request.setPathInfo("/DocumentReference");
		request.setQueryString("patient.identifier=x&status=current");
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long cpu = threads.getCurrentThreadCpuTime();
		for (String proof : proofs) {
			verifier.verify(request, proof, validated);
		}
		return (threads.getCurrentThreadCpuTime() - cpu) / (double) count;
	}

	private DpopVerificationCost() {}
}
