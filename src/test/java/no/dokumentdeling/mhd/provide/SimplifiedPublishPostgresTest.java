package no.dokumentdeling.mhd.provide;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class SimplifiedPublishPostgresTest extends SimplifiedPublishContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
