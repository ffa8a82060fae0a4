package no.dokumentdeling.access;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class SperretPatientsH2Test extends SperretPatientsContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
