# dokumentdeling — the commands a newcomer needs. See README.md.
MVN ?= mvn -B -q
JAVA_OPTS ?=

.PHONY: run test build clean

## Build and start the server on H2 at http://localhost:8080/fhir (data kept under ./data).
run:
	$(MVN) -DskipTests package
	java $(JAVA_OPTS) -jar target/dokumentdeling.jar

## Run the whole test suite (H2 and an embedded PostgreSQL).
test:
	mvn -B test

## Build the runnable jar without running tests.
build:
	$(MVN) -DskipTests package

clean:
	$(MVN) clean
