package no.dokumentdeling.mhd.find;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class OnePageSearchesH2Test extends OnePageSearchesContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
