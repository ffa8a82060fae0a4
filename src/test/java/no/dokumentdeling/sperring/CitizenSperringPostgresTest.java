package no.dokumentdeling.sperring;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class CitizenSperringPostgresTest extends CitizenSperringContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
