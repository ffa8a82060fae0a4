package no.dokumentdeling.mhd.provide;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class SimplifiedPublishH2Test extends SimplifiedPublishContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
