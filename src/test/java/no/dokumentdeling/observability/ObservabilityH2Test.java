package no.dokumentdeling.observability;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class ObservabilityH2Test extends ObservabilityContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
