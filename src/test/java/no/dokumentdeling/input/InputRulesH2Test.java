package no.dokumentdeling.input;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class InputRulesH2Test extends InputRulesContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
