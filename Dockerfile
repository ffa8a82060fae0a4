# The server's image: built from source in a Maven stage, run on a JRE, as layers that change at different rates
# (dependencies, Spring Boot's loader, snapshot dependencies, our classes), so a release ships mostly the last one.
#   docker build -t dokumentdeling:0.2.0-SNAPSHOT .
# The Helm chart runs it as the server and, with --dokumentdeling.migrate-only=true, as the migration Job.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first: their layer is rebuilt only when pom.xml changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY ig ig
RUN mvn -B -q -Dmaven.test.skip=true package \
	&& java -Djarmode=tools -jar target/dokumentdeling.jar extract --layers --destination /extracted

# Built for Java 17 above, run on Temurin 25: its EC code verifies the ES256 DPoP proof of every request in about half
# JDK 17's CPU (docs/bench.md); Java 17 stays a supported runtime (docs/operations.md, "Which Java runs where").
FROM eclipse-temurin:25-jre
RUN groupadd --gid 10001 dokumentdeling \
	&& useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin dokumentdeling
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The jar as extracted (dokumentdeling.jar naming lib/ in its manifest), not Spring Boot's launcher, so the JVM's own
# class loader loads every class and the AOT cache below can hold them. A training start, up to the end of the
# Spring context on a throw-away H2 database, records the classes it loads and links (Temurin 25's
# -XX:AOTCacheOutput); every start of the image maps them from app.aot instead (the ENTRYPOINT's -XX:AOTCache;
# docs/bench.md, "Start and size": 0.74 of the start's CPU and wall time). A JVM that cannot use the cache warns and
# starts without it.
RUN java -jar dokumentdeling.jar --dokumentdeling.migrate-only=true \
		--spring.datasource.url=jdbc:h2:file:/tmp/training/db --dokumentdeling.storage.directory=/tmp/training/documents \
	&& java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar dokumentdeling.jar \
		--spring.datasource.url=jdbc:h2:file:/tmp/training/db --dokumentdeling.storage.directory=/tmp/training/documents \
		--server.port=0 --management.server.port=0 \
	&& rm -rf /tmp/training
# A numeric user, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
# Heap as a share of the container's memory limit (see the chart's values.yaml for the measured RSS); a JVM out of
# memory exits and is restarted rather than limping on. /tmp is the only writable path (an emptyDir in the chart).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
# 8080: FHIR (/fhir), /ping; 8081: actuator (health, metrics) when management.server.port is set, as the chart does.
EXPOSE 8080 8081
# The AOT cache on the command line, not in JAVA_TOOL_OPTIONS: the chart sets those (values.yaml, javaOpts).
ENTRYPOINT ["java", "-XX:AOTCache=/app/app.aot", "-jar", "dokumentdeling.jar"]
