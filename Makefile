# dokumentdeling — the commands a newcomer needs. `make help` lists them; README.md walks through them.
MVN ?= mvn -B -q
JAVA_OPTS ?=
JAR := target/dokumentdeling.jar
PORT ?= 8080
BASE := http://localhost:$(PORT)

# make token's options; each is optional (see `make help`).
ROLE ?=
PATIENT ?=
HPR ?=
NAME ?=
PURPOSE ?=
SCOPE ?=
BASIS ?=

.PHONY: help run test test-tools build clean token migrate

## Lists the commands.
help:
	@echo "make run [PORT=8080]          build and start the server (dev profile, H2 under ./data) at $(BASE)/fhir"
	@echo "make token ROLE=<role> [...]  print a dev access token; send it as 'Authorization: Bearer <token>'"
	@echo "    ROLE=source|gp|citizen|auditor   PATIENT=<fnr> (citizen)   PORT=<port of make run>"
	@echo "    for ROLE=gp: HPR=<hpr> (default 9144990, the dev GP)  NAME='<name>'  PURPOSE=TREAT|ETREAT"
	@echo "                 SCOPE=kjernejournalforskriften  BASIS=samtykke|akutt|unntak (a header: printed as a hint)"
	@echo "    asks the running server (GET $(BASE)/dev/token); starts a JVM only when none runs"
	@echo "make test                     the whole test suite, H2 and embedded PostgreSQL (installs test-tools first)"
	@echo "make test-tools               chromium (Swagger UI test) and newman (Postman collection test), if missing"
	@echo "make build                    the runnable jar, no tests"
	@echo "make bench                    the benchmark (not a test), see README.md"
	@echo "API docs: $(BASE)/fhir/swagger-ui/   Postman: postman/ (README.md)"

## Build and start the server on H2 at http://localhost:$(PORT)/fhir (data kept under ./data), in the dev profile:
## it trusts a local dev issuer whose key is made on first start under data/dev-issuer/.
run:
	$(MVN) -DskipTests package
	@echo "Dev profile at $(BASE)/fhir (API docs: $(BASE)/fhir/swagger-ui/). Every FHIR request but the"
	@echo "CapabilityStatement and the API docs needs a token from the local dev issuer:"
	@echo "  make -s token ROLE=source|gp|citizen|auditor [PATIENT=<fnr>] PORT=$(PORT)   (make help: all options)"
	@echo "  curl -H \"Authorization: Bearer \$$(make -s token ROLE=gp PORT=$(PORT))\" '$(BASE)/fhir/DocumentReference?patient.identifier=14896124111'"
	java $(JAVA_OPTS) -jar $(JAR) --spring.profiles.active=dev --server.port=$(PORT)

## Print a dev access token (see make help). From the running server when there is one (no JVM start), else from a
## JVM of its own with the same key.
token:
	@case "$(BASIS)" in ""|samtykke|akutt|unntak) ;; *) echo "BASIS must be samtykke, akutt or unntak" >&2; exit 2;; esac
	@if curl -fs -o /dev/null "$(BASE)/dev/jwks" 2>/dev/null; then \
		answer=$$(curl -s --fail-with-body --get "$(BASE)/dev/token" --data-urlencode "role=$(ROLE)" \
			--data-urlencode "patient=$(PATIENT)" --data-urlencode "hpr=$(HPR)" --data-urlencode "name=$(NAME)" \
			--data-urlencode "purpose=$(PURPOSE)" --data-urlencode "scope=$(SCOPE)") \
			|| { status=$$?; echo "$$answer" >&2; exit $$status; }; \
		echo "$$answer"; \
	else \
		test -f $(JAR) || $(MVN) -DskipTests package; \
		java -cp $(JAR) -Dloader.main=no.dokumentdeling.security.dev.DevTokens \
			org.springframework.boot.loader.launch.PropertiesLauncher "role=$(ROLE)" "patient=$(PATIENT)" \
			"hpr=$(HPR)" "name=$(NAME)" "purpose=$(PURPOSE)" "scope=$(SCOPE)"; \
	fi
	@test -z "$(BASIS)" || echo "Send the access basis with the token: -H 'nhn-access-basis: $(BASIS)'" >&2

## Tools the tests drive outside the JVM, installed when missing: Debian's chromium (the Swagger UI test) and, from
## npm, the newman pinned in postman/package-lock.json (the Postman collection test).
test-tools: postman/node_modules/.bin/newman
	@test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)

postman/node_modules/.bin/newman: postman/package.json postman/package-lock.json
	@command -v npm >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm)
	cd postman && npm ci --no-audit --no-fund
	@touch $@

## Migrate the database named by SPRING_DATASOURCE_URL/_USERNAME/_PASSWORD (HAPI's tables and ours), then exit.
## The server itself never migrates: it refuses to start on a database that is behind.
migrate:
	@test -f $(JAR) || $(MVN) -DskipTests package
	java $(JAVA_OPTS) -jar $(JAR) --dokumentdeling.migrate-only=true

## Run the whole test suite (H2 and an embedded PostgreSQL).
test: test-tools
	mvn -B test

## Build the runnable jar without running tests.
build:
	$(MVN) -DskipTests package

clean:
	$(MVN) clean

include bench/Makefile.fragment
