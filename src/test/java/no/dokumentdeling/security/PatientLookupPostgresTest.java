package no.dokumentdeling.security;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class PatientLookupPostgresTest extends PatientLookupContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
