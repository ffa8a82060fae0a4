package no.dokumentdeling.audit;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class RefusedRetrieveAuditH2Test extends RefusedRetrieveAuditContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
