package no.dokumentdeling.access;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class AgeWindowPostgresTest extends AgeWindowContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
