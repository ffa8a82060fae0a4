package no.dokumentdeling.observability;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class ObservabilityPostgresTest extends ObservabilityContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
