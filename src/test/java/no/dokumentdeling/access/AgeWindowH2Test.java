package no.dokumentdeling.access;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class AgeWindowH2Test extends AgeWindowContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
