package no.dokumentdeling.audit;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class AuditSearchPostgresTest extends AuditSearchContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
