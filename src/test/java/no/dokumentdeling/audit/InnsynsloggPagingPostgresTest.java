package no.dokumentdeling.audit;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class InnsynsloggPagingPostgresTest extends InnsynsloggPagingContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
