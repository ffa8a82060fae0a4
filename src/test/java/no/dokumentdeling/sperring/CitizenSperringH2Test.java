package no.dokumentdeling.sperring;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class CitizenSperringH2Test extends CitizenSperringContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
