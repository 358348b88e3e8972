# The collector image: build the jar first (mvn -B -DskipTests package), then docker build.
# config/ and routes/ are baked in as defaults; mount your own over /app/config and /app/routes.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/usage-collector.jar /app/usage-collector.jar
COPY config /app/config
COPY routes /app/routes
# credentials come from the environment (or *_FILE secrets), never from the image
USER 10001
ENTRYPOINT ["java", "-jar", "/app/usage-collector.jar"]
CMD ["run"]
