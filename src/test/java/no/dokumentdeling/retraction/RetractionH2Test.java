package no.dokumentdeling.retraction;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class RetractionH2Test extends RetractionContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
