package no.dokumentdeling.schema;

import no.dokumentdeling.testsupport.TestDatabase;

class SchemaMigrationH2Test extends SchemaMigrationContract {

	@Override
	TestDatabase emptyDatabase() {
		return TestDatabase.emptyH2File();
	}

	/** H2 is the single server of make run and small installations. */
	@Override
	int replicas() {
		return 1;
	}
}
