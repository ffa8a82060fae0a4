package no.dokumentdeling.access;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class HiddenIsUnknownPostgresTest extends HiddenIsUnknownContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
