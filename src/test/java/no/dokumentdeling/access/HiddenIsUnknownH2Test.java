package no.dokumentdeling.access;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class HiddenIsUnknownH2Test extends HiddenIsUnknownContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
