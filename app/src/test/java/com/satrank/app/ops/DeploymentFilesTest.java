package com.satrank.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.lndsim.SelfSignedTls;
import com.satrank.app.SatRankApplication;
import com.satrank.app.config.SatRankConfiguration;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be validated of the deployment files without a Docker engine: the compose file parses,
 * lints, and references only images, commands, files and environment keys that exist; the
 * Dockerfile is multi-stage, non-root, health-checked and carries Chronicle's flags; nginx accepts
 * the site config.
 */
class DeploymentFilesTest {
    private static final Path REPO = Shell.REPO;
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Set<String> SATRANK_SERVICES = Set.of("api", "ingest", "pipeline");

    private static JsonNode compose() throws Exception {
        // SnakeYAML resolves anchors, aliases and << merge keys the way docker compose does.
        Object tree = new org.yaml.snakeyaml.Yaml().load(Files.readString(REPO.resolve("docker/compose.yml")));
        return new ObjectMapper().valueToTree(tree);
    }

    private static Set<String> varsIn(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = VAR.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> commandNames() {
        Bootstrap<SatRankConfiguration> bootstrap = new Bootstrap<>(new SatRankApplication());
        new SatRankApplication().initialize(bootstrap);
        Set<String> names = bootstrap.getCommands().stream().map(Command::getName).collect(Collectors.toSet());
        names.add("server");
        names.add("check");
        return names;
    }

    @Test
    void compose_runs_postgres_16_and_the_three_processes_from_one_image() throws Exception {
        JsonNode services = compose().get("services");
        assertThat(services.get("postgres").get("image").asText()).startsWith("postgres:16");
        Set<String> images = new HashSet<>();
        Set<String> commands = commandNames();
        for (String name : SATRANK_SERVICES) {
            JsonNode s = services.get(name);
            images.add(s.get("image").asText());
            assertThat(REPO.resolve("docker").resolve(s.at("/build/context").asText())
                    .resolve(s.at("/build/dockerfile").asText()).normalize()).exists();
            assertThat(commands).as(name + " command").contains(s.get("command").get(0).asText());
            assertThat(s.get("command").get(1).asText()).isEqualTo("/etc/satrank/satrank.yml");
            assertThat(s.get("volumes").toString()).contains("satrank-data:/var/lib/satrank");
            for (JsonNode port : s.path("ports")) {
                assertThat(port.asText()).as(name + " port").startsWith("127.0.0.1:");
            }
        }
        assertThat(images).hasSize(1);
        assertThat(services.at("/ingest/volumes").toString()).contains(":/lnd:ro");
        assertThat(services.at("/prometheus/profiles/0").asText()).isEqualTo("monitoring");
        assertThat(services.at("/grafana/profiles/0").asText()).isEqualTo("monitoring");
        assertThat(compose().get("volumes").has("satrank-data")).isTrue();
    }

    @Test
    void every_environment_key_given_to_satrank_is_read_by_its_config_and_every_variable_is_documented()
            throws Exception {
        Set<String> configReads = varsIn(Files.readString(REPO.resolve("config/satrank.yml")));
        JsonNode services = compose().get("services");
        for (String name : SATRANK_SERVICES) {
            services.get(name).get("environment").fieldNames().forEachRemaining(key -> {
                if (key.equals("JDK_JAVA_OPTIONS")) { // the JVM's own: each process's heap bounds
                    assertThat(services.get(name).get("environment").get(key).asText()).as(name).contains("-Xmx");
                } else {
                    assertThat(configReads).as(name + " sets " + key).contains(key);
                }
            });
        }
        Set<String> example = Files.readAllLines(REPO.resolve("docker/.env.example")).stream()
                .filter(l -> l.matches("[A-Z][A-Z0-9_]*=.*")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
        assertThat(example).containsAll(varsIn(Files.readString(REPO.resolve("docker/compose.yml"))));
        assertThat(configReads).contains("API_KEY", "DATABASE_URL", "LND_TLS_CERT_PATH", "SATRANK_BEHIND_PROXY");
    }

    @Test
    void files_compose_mounts_exist_and_the_dashboard_is_provisioned() throws Exception {
        for (String f : List.of("docker/prometheus/prometheus.yml", "docker/prometheus/alerts.yml",
                "docker/grafana/provisioning/datasources/prometheus.yml",
                "docker/grafana/provisioning/dashboards/satrank.yml", "docker/grafana/dashboards/satrank.json")) {
            assertThat(REPO.resolve(f)).exists();
        }
        JsonNode dashboard = new ObjectMapper().readTree(REPO.resolve("docker/grafana/dashboards/satrank.json").toFile());
        assertThat(dashboard.get("panels")).isNotEmpty();
        dashboard.get("panels").forEach(p -> assertThat(p.at("/targets/0/expr").asText()).contains("satrank_"));
    }

    @Test
    void openapi_document_passes_redocly_recommended_lint_with_no_error_or_warning() throws Exception {
        Shell.requireTool("redocly");
        var lint = Shell.run(REPO, Map.of(), List.of("redocly", "lint", "--extends=recommended", "--format=summary",
                "serving/src/main/resources/openapi.json"));
        assertThat(lint.exit()).as(lint.out() + lint.err()).isZero();
        // the summary lists one line per rule broken ("error <rule>: n", "warning <rule>: n")
        assertThat((lint.out() + lint.err()).lines().filter(l -> l.matches("(error|warning)\\s+\\S+: \\d+")))
                .as("no errors, no warnings").isEmpty();
        assertThat(lint.out() + lint.err()).contains("Your API description is valid");
    }

    @Test
    void alert_rules_and_prometheus_config_pass_promtool() throws Exception {
        Shell.requireTool("promtool");
        var rules = Shell.run(REPO, Map.of(), List.of("promtool", "check", "rules", "docker/prometheus/alerts.yml"));
        assertThat(rules.exit()).as(rules.out() + rules.err()).isZero();
        assertThat(rules.out()).contains("SUCCESS");
    }

    @Test
    void compose_and_prometheus_files_pass_yamllint() throws Exception {
        Shell.requireTool("yamllint");
        var r = Shell.run(REPO, Map.of(), List.of("yamllint", "-d",
                "{extends: relaxed, rules: {line-length: {max: 140}}}", "docker/compose.yml",
                "docker/prometheus/prometheus.yml", "docker/prometheus/alerts.yml", "docker/grafana/provisioning",
                "config/satrank.yml"));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void dockerfile_is_multistage_non_root_health_checked_with_chronicle_flags() throws Exception {
        String dockerfile = Files.readString(REPO.resolve("docker/Dockerfile"));
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).isEqualTo(2);
        assertThat(dockerfile).containsPattern("(?m)^FROM \\S+ AS build$").containsPattern("(?m)^FROM eclipse-temurin:17-jre")
                .containsPattern("(?m)^USER satrank$").containsPattern("(?m)^HEALTHCHECK ")
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/satrank/satrank.jar\"]")
                .containsPattern("(?m)^ENV JDK_JAVA_OPTIONS=\"[^\"]*-Xmx");
        assertThat(Files.readString(REPO.resolve("Makefile"))).as("the demo's launch bounds its heap")
                .containsPattern("DEMO_JVM \\?= [^\\n]*-Xmx").contains("java $(DEMO_JVM) -jar $(JAR) demo");
        String pom = Files.readString(REPO.resolve("pom.xml"));
        Matcher flags = Pattern.compile("<chronicle.jvm.flags>(.*)</chronicle.jvm.flags>").matcher(pom);
        assertThat(flags.find()).isTrue();
        for (String flag : flags.group(1).split(" ")) {
            assertThat(dockerfile).contains(flag);
        }
        Matcher copies = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        while (copies.find()) {
            assertThat(REPO.resolve(copies.group(1))).as("COPY source").exists();
        }
    }

    @Test
    void dockerfile_passes_dockerfilelint() throws Exception {
        Shell.requireTool("dockerfilelint");
        var r = Shell.run(REPO, Map.of(), List.of("dockerfilelint", "docker/Dockerfile"));
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
    }

    @Test
    void nginx_accepts_the_site_config(@TempDir Path dir) throws Exception {
        Shell.requireTool("nginx");
        SelfSignedTls.write(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"), Instant.now());
        String site = Files.readString(REPO.resolve("docker/nginx/satrank.conf"))
                .replace("/etc/letsencrypt/live/satrank.example.org/", dir + "/");
        Files.writeString(dir.resolve("satrank.conf"), site);
        Files.writeString(dir.resolve("nginx.conf"), """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events {}
                http {
                    access_log off;
                    client_body_temp_path %1$s;
                    proxy_temp_path %1$s;
                    fastcgi_temp_path %1$s;
                    uwsgi_temp_path %1$s;
                    scgi_temp_path %1$s;
                    include %1$s/satrank.conf;
                }
                """.formatted(dir));
        var r = Shell.run(dir, Map.of(), List.of(nginxBinary(), "-t", "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("syntax is ok");
    }

    private static String nginxBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }
}
