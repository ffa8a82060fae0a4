package no.dokumentdeling.audit;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class InnsynsloggPagingH2Test extends InnsynsloggPagingContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
