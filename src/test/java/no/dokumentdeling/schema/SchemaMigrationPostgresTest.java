package no.dokumentdeling.schema;

import no.dokumentdeling.testsupport.TestDatabase;

class SchemaMigrationPostgresTest extends SchemaMigrationContract {

	@Override
	TestDatabase emptyDatabase() {
		return TestDatabase.emptyPostgres();
	}

	@Override
	int replicas() {
		return 2;
	}
}
