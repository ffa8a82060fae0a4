package no.dokumentdeling.federation;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestServer;

class FederatedRetrievePostgresTest extends FederatedRetrieveContract {

	@Override
	protected TestServer repository() {
		return SharedServers.postgres();
	}

	@Override
	protected TestDatabase indexDatabase() {
		return TestDatabase.postgres();
	}
}
