# Image for the helm chart. Build after `make build`: docker build -t dokumentdeling:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --create-home dokumentdeling
WORKDIR /app
COPY target/dokumentdeling.jar /app/dokumentdeling.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/dokumentdeling.jar"]
