package no.dokumentdeling.mhd.retrieve;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class RetrieveDocumentPostgresTest extends RetrieveDocumentContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
