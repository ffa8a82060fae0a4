package no.dokumentdeling.audit;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class RefusedRetrieveAuditPostgresTest extends RefusedRetrieveAuditContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
