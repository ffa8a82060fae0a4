package no.dokumentdeling.input;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class HostileRequestsH2Test extends HostileRequestsContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
