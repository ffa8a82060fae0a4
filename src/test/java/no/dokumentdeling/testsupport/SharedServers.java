package no.dokumentdeling.testsupport;

/**
 * One server on H2 and one on PostgreSQL, started on first use and shared by every test class in the JVM: the
 * application takes tens of seconds to start, and tests keep apart by using their own patients and document ids.
 */
public final class SharedServers {

	private static TestServer h2;
	private static TestServer postgres;

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
