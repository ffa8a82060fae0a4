package no.dokumentdeling.security;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class OneRoleH2Test extends OneRoleContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
