package no.dokumentdeling.fhir;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class UnusedSearchParametersPostgresTest extends UnusedSearchParametersContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
