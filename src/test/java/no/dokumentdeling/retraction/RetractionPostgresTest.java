package no.dokumentdeling.retraction;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class RetractionPostgresTest extends RetractionContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
