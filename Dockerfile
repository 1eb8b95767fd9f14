# Builds and runs the all-in-one server against an external PostgreSQL (see docker-compose.yml).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/switchboard --create-home switchboard
COPY --from=build /src/app/target/switchboard.jar /opt/switchboard/switchboard.jar
USER switchboard
WORKDIR /var/lib/switchboard
ENV SWITCHBOARD_DATA_DIR=/var/lib/switchboard
EXPOSE 8080 5222 5223 5275 5443 7777 3478/tcp 3478/udp 5349 5060/tcp 5060/udp 5061
ENTRYPOINT ["java", "-jar", "/opt/switchboard/switchboard.jar"]
