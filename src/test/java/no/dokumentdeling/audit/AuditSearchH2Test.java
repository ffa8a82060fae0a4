package no.dokumentdeling.audit;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class AuditSearchH2Test extends AuditSearchContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
