# dokumentdeling — the commands a newcomer needs. See README.md.
MVN ?= mvn -B -q
JAVA_OPTS ?=
JAR := target/dokumentdeling.jar

.PHONY: run test build clean token migrate

## Build and start the server on H2 at http://localhost:8080/fhir (data kept under ./data), in the dev profile:
## it trusts a local dev issuer whose key is made on first start under data/dev-issuer/.
run:
	$(MVN) -DskipTests package
	@echo "Dev profile: every request but GET /fhir/metadata needs a token from the local dev issuer."
	@echo "  make token ROLE=source|gp|citizen|auditor [PATIENT=<fnr>]   prints one; send it as 'Authorization: Bearer <token>':"
	@echo "  curl -H \"Authorization: Bearer \$$(make -s token ROLE=gp)\" 'http://localhost:8080/fhir/DocumentReference?patient.identifier=14896124111'"
	java $(JAVA_OPTS) -jar $(JAR) --spring.profiles.active=dev

## Print a dev access token: make token ROLE=source|gp|citizen|auditor [PATIENT=<fnr>]
token:
	@test -f $(JAR) || $(MVN) -DskipTests package
	@java -cp $(JAR) -Dloader.main=no.dokumentdeling.security.dev.DevTokens \
		org.springframework.boot.loader.launch.PropertiesLauncher $(ROLE) $(PATIENT)

## Migrate the database named by SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD (HAPI's tables and ours), then exit.
## The server itself never migrates: it refuses to start on a database that is behind.
migrate:
	@test -f $(JAR) || $(MVN) -DskipTests package
	java $(JAVA_OPTS) -jar $(JAR) --dokumentdeling.migrate-only=true

## Run the whole test suite (H2 and an embedded PostgreSQL).
test:
	mvn -B test

## Build the runnable jar without running tests.
build:
	$(MVN) -DskipTests package

clean:
	$(MVN) clean

include bench/Makefile.fragment
