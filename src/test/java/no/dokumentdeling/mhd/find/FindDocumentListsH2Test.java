package no.dokumentdeling.mhd.find;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class FindDocumentListsH2Test extends FindDocumentListsContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
