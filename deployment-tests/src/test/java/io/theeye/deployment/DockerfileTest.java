package io.theeye.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The services' Dockerfiles: built from source in a build stage, run as non-root on a JRE. */
class DockerfileTest {

    @ParameterizedTest
    @CsvSource({"ingest-service, 8080", "processor-service, 8081", "query-service, 8082"})
    void buildsTheServiceFromSourceInABuildStage(String service, int port) {
        String dockerfile = dockerfile(service);
        List<String> stages = lines(dockerfile, "FROM ");

        assertThat(stages).hasSize(2);
        assertThat(stages.get(0)).matches("FROM eclipse-temurin:17-jdk\\S* AS build");
        assertThat(stages.get(1)).matches("FROM eclipse-temurin:17-jre\\S*");
        assertThat(dockerfile).contains("./mvnw -B -ntp -pl " + service + " -am package -DskipTests");
    }

    @ParameterizedTest
    @CsvSource({"ingest-service, 8080", "processor-service, 8081", "query-service, 8082"})
    void runsTheFastJarAsNonRootOnTheServicePort(String service, int port) {
        String dockerfile = dockerfile(service);
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));

        int management = RenderedOverlay.MANAGEMENT_PORTS.get(service);
        assertThat(runtime)
                .contains("COPY --from=build --chown=${APP_UID}:${APP_UID} /workspace/" + service
                        + "/target/quarkus-app/lib/")
                .contains("EXPOSE " + port + " " + management)
                .contains("QUARKUS_HTTP_PORT=" + port)
                .contains("QUARKUS_MANAGEMENT_PORT=" + management)
                // The healthcheck asks the management port: /q/* is not served on the API's.
                .contains("/dev/tcp/127.0.0.1/" + management)
                .contains("/q/health/ready")
                .contains("-jar /deployments/quarkus-run.jar");
        assertThat(lines(runtime, "USER ")).containsExactly("USER ${APP_UID}:${APP_UID}");
        Matcher uid = Pattern.compile("ARG APP_UID=(\\d+)").matcher(runtime);
        assertThat(uid.find()).isTrue();
        assertThat(Integer.parseInt(uid.group(1))).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void dockerignoreKeepsBuildOutputOutButEveryMavenModuleIn() {
        List<String> ignored = lines(RepositoryFiles.read(RepositoryFiles.resolve(".dockerignore")), "").stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        String pom = RepositoryFiles.read(RepositoryFiles.resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);

        assertThat(ignored).contains("**/target/", ".git/");
        while (module.find()) {
            // Maven refuses a reactor whose listed module directory is missing.
            assertThat(ignored).doesNotContain(module.group(1), module.group(1) + "/", "/" + module.group(1));
        }
    }

    private static String dockerfile(String service) {
        return RepositoryFiles.read(RepositoryFiles.resolve(service + "/Dockerfile"));
    }

    private static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n"))
                .map(String::strip)
                .filter(line -> line.startsWith(prefix))
                .toList();
    }
}
