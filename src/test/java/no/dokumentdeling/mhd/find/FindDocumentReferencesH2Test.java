package no.dokumentdeling.mhd.find;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class FindDocumentReferencesH2Test extends FindDocumentReferencesContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
