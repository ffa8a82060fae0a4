package no.dokumentdeling.fhir;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class MetadataH2Test extends MetadataContract {

	@Override
	protected TestServer server() {
		return SharedServers.h2();
	}
}
