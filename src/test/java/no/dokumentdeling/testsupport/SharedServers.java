package no.dokumentdeling.testsupport;

import java.util.Map;
import no.dokumentdeling.security.dev.DevIssuerKeys;

/**
 * One server on H2 and one on PostgreSQL, started on first use and shared by every test class in the JVM: the
 * application takes tens of seconds to start, and tests keep apart by using their own patients and document ids.
 */
public final class SharedServers {

	private static TestServer h2;
	private static TestServer postgres;
	private static TestServer dev;

	public static synchronized TestServer h2() {
		if (h2 == null) {
			h2 = started(TestDatabase.h2());
		}
		return h2;
	}

	public static synchronized TestServer postgres() {
		if (postgres == null) {
			postgres = started(TestDatabase.postgres());
		}
		return postgres;
	}

	/**
	 * A server in the {@code dev} profile, as {@code make run} starts it (its own H2), trusting the dev issuer besides
	 * the test issuers: for the dev token endpoint and the Postman collection.
	 */
	public static synchronized TestServer dev() {
		if (dev == null) {
			dev = TestServer.start(TestDatabase.h2(), Map.of(
					"spring.profiles.active", "dev",
					"dokumentdeling.security.issuers[2].issuer", DevIssuerKeys.ISSUER,
					"dokumentdeling.security.issuers[2].jwks-file", DevIssuerKeys.JWKS.toString(),
					"dokumentdeling.security.issuers[2].require-dpop", "false"));
			Runtime.getRuntime().addShutdownHook(new Thread(dev::close));
		}
		return dev;
	}

	public static TestServer on(String kind) {
		return "PostgreSQL".equals(kind) ? postgres() : h2();
	}

	private static TestServer started(TestDatabase database) {
		TestServer server = TestServer.start(database);
		Runtime.getRuntime().addShutdownHook(new Thread(server::close));
		return server;
	}

	private SharedServers() {}
}
