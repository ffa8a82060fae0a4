package no.dokumentdeling.fhir;

import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.TestServer;

class MetadataPostgresTest extends MetadataContract {

	@Override
	protected TestServer server() {
		return SharedServers.postgres();
	}
}
