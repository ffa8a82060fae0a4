package no.dokumentdeling.input;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class HostileRequestsPostgresTest extends HostileRequestsContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
