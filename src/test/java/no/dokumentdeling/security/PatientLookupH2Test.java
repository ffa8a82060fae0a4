package no.dokumentdeling.security;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class PatientLookupH2Test extends PatientLookupContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
