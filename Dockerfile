# The connector's container image: a JRE 17 base, the Spring Boot jar split into its layers (dependencies change
# rarely, the application often, so a rebuild pushes only the small top layer), run as a non-root user, with a class
# data sharing archive made at build time (AppCDS: the classes start-up loads, already parsed and verified;
# docs/benchmarks.md, row 6).
#
#   mvn -B package -DskipTests
#   docker build -t <your-registry>/marketplace-crm-connector:0.1.0-SNAPSHOT .
#
# The Helm chart mounts its own config/ and routes/ and sets ROUTES_DIR; the copies here let the image run alone
# (docker run -e ... with the connector settings as environment variables).

FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
COPY target/marketplace-crm-connector-*.jar connector.jar
# Plain jars (not the launcher's exploded classes): class data sharing archives classes from jar files only.
RUN java -Djarmode=tools -jar connector.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
# The user the chart's security context expects (runAsUser/runAsGroup 1001); no login shell, no home.
RUN groupadd --system --gid 1001 connector \
 && useradd --system --uid 1001 --gid 1001 --no-create-home --shell /usr/sbin/nologin connector
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY config/application.yaml config/application.yaml
COPY routes/*.camel.yaml routes/
# Training run: the connector starts as far as it can without a network, and the JVM writes the classes it loaded to
# connector.jsa. The same java, jar paths and jar files must be used at run time, or the JVM ignores the archive and
# starts without it. The run goes through Camel's start (routes read and built, components started, Tomcat serving),
# which a run stopped when the Spring context is made (-Dspring.context.exit=onRefresh) leaves out: that took row 6 of
# the benchmark from 6.05 s to 4.63 s (docs/benchmarks.md, row 6). What would call out stays off: no route is started
# (auto-startup=false), the Salesforce login waits for a first call that never comes (lazy-login), and one second
# after the start the context closes and the JVM exits (run-controller=false, duration-max-seconds=1; the close waits
# for the start to finish). The connector refuses to start without a Salesforce login, so the run names one that is
# never used. ImageTrainingRunTest checks these arguments pass the start-up checks; TrainingRunIT runs this command.
RUN java -XX:ArchiveClassesAtExit=connector.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
        -jar connector.jar --server.port=0 \
        --camel.component.salesforce.login-url=https://login.salesforce.com \
        --camel.component.salesforce.authentication-type=CLIENT_CREDENTIALS \
        --camel.component.salesforce.client-id=image-training-run \
        --camel.component.salesforce.client-secret=image-training-run \
        --camel.component.salesforce.lazy-login=true --camel.main.auto-startup=false \
        --camel.main.run-controller=false --camel.main.duration-max-seconds=1 \
 && chmod 444 connector.jsa
USER 1001:1001
ENV ROUTES_DIR=/app/routes \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8081: actuator health and Prometheus (server.port, as the chart sets it).
EXPOSE 8081
# The JIT compiles to its optimising tier (C2) only methods called ten times more often than by default: during the
# start C2 then leaves more of the second core to the start (row 6 of the benchmark, two cores: 0.96 of the hello
# app's time to ready instead of 1.04, medians of six and four runs), and the methods requests keep calling still
# reach C2 within seconds (row 5 unchanged).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=connector.jsa", "-Xlog:cds=off", \
            "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4CompileThreshold=60000", "-XX:Tier4BackEdgeThreshold=400000", \
            "-jar", "connector.jar"]
