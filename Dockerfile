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
	&& java -Djarmode=tools -jar target/dokumentdeling.jar extract --layers --launcher --destination /extracted

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
# A numeric user, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
# Heap as a share of the container's memory limit (see the chart's values.yaml for the measured RSS); a JVM out of
# memory exits and is restarted rather than limping on. /tmp is the only writable path (an emptyDir in the chart).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=30 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
# 8080: FHIR (/fhir), /ping; 8081: actuator (health, metrics) when management.server.port is set, as the chart does.
EXPOSE 8080 8081
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
