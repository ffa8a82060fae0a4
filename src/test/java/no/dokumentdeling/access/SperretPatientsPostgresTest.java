package no.dokumentdeling.access;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class SperretPatientsPostgresTest extends SperretPatientsContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
