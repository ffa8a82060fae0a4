package no.dokumentdeling.security;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class OneRolePostgresTest extends OneRoleContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
