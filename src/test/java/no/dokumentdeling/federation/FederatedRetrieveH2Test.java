package no.dokumentdeling.federation;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;

class FederatedRetrieveH2Test extends FederatedRetrieveContract {

	@Override
	protected TestServer repository() {
		return SharedServers.h2();
	}

	@Override
	protected TestDatabase indexDatabase() {
		return TestDatabase.h2();
	}
}
