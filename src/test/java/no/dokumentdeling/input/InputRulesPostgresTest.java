package no.dokumentdeling.input;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class InputRulesPostgresTest extends InputRulesContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
