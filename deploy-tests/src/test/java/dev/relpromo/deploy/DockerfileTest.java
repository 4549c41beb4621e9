package dev.relpromo.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The top-level Dockerfile has a runnable, non-root, health-checked target per service module, plus the broker. */
class DockerfileTest {

    static final Dockerfile DOCKERFILE = Dockerfile.parse(Reactor.read("Dockerfile"));
    static final String BROKER = "broker";

    static Stream<String> targets() {
        List<String> targets = new ArrayList<>(Reactor.serviceModules());
        targets.add(BROKER);
        return targets.stream();
    }

    @Test
    void everyServiceModuleRunsAsItsOwnTarget() {
        for (String service : Reactor.serviceModules()) {
            assertThat(DOCKERFILE.stage(service)).as("target %s", service).isPresent();
            assertThat(Dockerfile.execForm(DOCKERFILE.effective(service, "ENTRYPOINT").orElseThrow()))
                    .as("ENTRYPOINT of target %s", service)
                    .containsExactly("relpromo", "service", service);
        }
    }

    @Test
    void brokerTargetRunsTheEmbeddedBrokerWithItsDataInTheImagesOwnDirectory() {
        assertThat(Dockerfile.execForm(DOCKERFILE.effective(BROKER, "ENTRYPOINT").orElseThrow()))
                .containsExactly("relpromo", "broker", "--data", "/var/lib/relpromo/broker", "--port", "9092");
        assertThat(DOCKERFILE.all(BROKER, "EXPOSE")).extracting(Dockerfile.Instruction::arguments).contains("9092");
        assertThat(DOCKERFILE.effective(BROKER, "HEALTHCHECK").orElseThrow().arguments()).contains("/dev/tcp/127.0.0.1/9092");
    }

    @ParameterizedTest
    @MethodSource("targets")
    void targetRunsAsTheFixedNonRootUserTheImageCreates(String target) {
        String user = DOCKERFILE.effective(target, "USER").orElseThrow(() -> new AssertionError(target + " has no USER")).arguments();
        String uid = user.split(":")[0];
        assertThat(uid).as("USER of %s must be a numeric uid (Kubernetes runAsNonRoot checks it)", target).matches("[0-9]+");
        assertThat(Integer.parseInt(uid)).as("uid of %s", target).isGreaterThan(0);
        assertThat(DOCKERFILE.all(target, "RUN")).extracting(Dockerfile.Instruction::arguments)
                .anySatisfy(run -> assertThat(run).contains("useradd").contains("--uid " + uid));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void targetBuildsOnTheJava17RuntimeWithTheLauncher(String target) {
        assertThat(DOCKERFILE.baseImage(target)).isEqualTo("eclipse-temurin:17-jre");
        assertThat(DOCKERFILE.all(target, "COPY")).extracting(Dockerfile.Instruction::arguments)
                .contains("launcher/target/lib/ /opt/relpromo/lib/",
                        "launcher/target/relpromo-launcher.jar /opt/relpromo/relpromo-launcher.jar",
                        "--chmod=0755 docker/relpromo /usr/local/bin/relpromo");
    }

    @Test
    void serviceTargetsCheckHealthOnTheHttpPortTheyExpose() {
        for (String service : Reactor.serviceModules()) {
            assertThat(DOCKERFILE.effective(service, "HEALTHCHECK").orElseThrow().arguments()).as("HEALTHCHECK of %s", service)
                    .contains("CMD curl -fsS")
                    .contains("http://127.0.0.1:8080/health");
            assertThat(DOCKERFILE.all(service, "EXPOSE")).extracting(Dockerfile.Instruction::arguments).contains("8080");
        }
    }

    @Test
    void entryScriptRunsTheLauncherFromWhereTheImageCopiesIt() throws Exception {
        assertThat(Files.isExecutable(Reactor.path("docker/relpromo"))).as("docker/relpromo is executable").isTrue();
        assertThat(Reactor.read("docker/relpromo"))
                .startsWith("#!/bin/sh\n")
                .contains("-cp '/opt/relpromo/lib/*:/opt/relpromo/relpromo-launcher.jar' dev.relpromo.launcher.Relpromo \"$@\"")
                .contains("exec java");
    }

    @Test
    void buildContextKeepsEveryFileTheImageCopies() {
        List<String> ignore = Reactor.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore.get(0)).as("the context is deny-by-default").isEqualTo("*");
        assertThat(ignore).contains("!launcher/target/lib/", "!launcher/target/relpromo-launcher.jar", "!docker/relpromo");
    }

    @Test
    void parserJoinsContinuationsSkipsCommentsAndFollowsStages() {
        Dockerfile parsed = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                FROM eclipse-temurin:17-jre AS base
                USER 10001
                RUN a \\
                # a comment inside the continuation
                  && b
                FROM base AS child
                entrypoint ["x", "y"]
                """);
        assertThat(parsed.stages()).containsOnlyKeys("base", "child");
        assertThat(parsed.effective("child", "USER").orElseThrow().arguments()).isEqualTo("10001");
        assertThat(parsed.effective("base", "RUN").orElseThrow().arguments()).isEqualTo("a    && b");
        assertThat(Dockerfile.execForm(parsed.effective("child", "ENTRYPOINT").orElseThrow())).containsExactly("x", "y");
        assertThat(parsed.baseImage("child")).isEqualTo("eclipse-temurin:17-jre");
        assertThatThrownBy(() -> Dockerfile.execForm(new Dockerfile.Instruction("ENTRYPOINT", "relpromo service x", 9)))
                .hasMessageContaining("line 9").hasMessageContaining("shell form");
        assertThatThrownBy(() -> parsed.effective("nope", "USER")).hasMessageContaining("no stage nope");
    }
}
