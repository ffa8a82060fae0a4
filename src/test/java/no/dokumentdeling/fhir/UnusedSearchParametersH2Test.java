package no.dokumentdeling.fhir;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class UnusedSearchParametersH2Test extends UnusedSearchParametersContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
