package no.dokumentdeling.mhd.find;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class FindDocumentReferencesPostgresTest extends FindDocumentReferencesContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
