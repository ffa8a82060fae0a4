package no.dokumentdeling.fhir;

import no.dokumentdeling.testsupport.TestDatabase;

class ReadyOnFreshDatabasePostgresTest extends ReadyOnFreshDatabaseContract {

	@Override
	protected TestDatabase freshDatabase() {
		return TestDatabase.postgres();
	}
}
