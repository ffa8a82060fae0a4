package no.dokumentdeling.fhir;

import no.dokumentdeling.testsupport.TestDatabase;

class ReadyOnFreshDatabaseH2Test extends ReadyOnFreshDatabaseContract {

	@Override
	protected TestDatabase freshDatabase() {
		return TestDatabase.h2();
	}
}
