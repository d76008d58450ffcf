package com.satrank.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron health check against canned /api/health answers and a stopped server. */
class HealthCheckScriptTest {
    private static final String HEALTHY = """
            {"data":{"status":"ok","problems":[],"dbStatus":"ok","schemaVersion":"1","expectedSchemaVersion":"1",
             "lndStatus":"ok","scoringAgeSec":120,"pipeline":{"graph":{"eventsBehind":3}}}}""";

    private HttpServer server;
    private volatile String answer = HEALTHY;
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        Shell.requireTool("curl");
        Shell.requireTool("jq");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/health", exchange -> {
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Shell.Result check(Map<String, String> extra) throws Exception {
        var env = new java.util.HashMap<>(extra);
        env.putIfAbsent("SATRANK_HEALTH_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/health");
        return Shell.run(Shell.REPO, env, List.of("bash", "scripts/satrank-health-check.sh"));
    }

    @Test
    void healthy_answer_exits_zero() throws Exception {
        var r = check(Map.of());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("SatRank healthy");
    }

    @Test
    void stale_scores_fail_with_a_clear_message() throws Exception {
        status = 503;
        answer = HEALTHY.replace("\"status\":\"ok\",\"problems\":[]", "\"status\":\"error\",\"problems\":[\"scores are 9000 s old\"]")
                .replace("\"scoringAgeSec\":120", "\"scoringAgeSec\":9000");
        var r = check(Map.of());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("stale scoring: 9000s old").contains("scores are 9000 s old");
    }

    @Test
    void schema_drift_db_down_lnd_degraded_and_lag_are_each_reported() throws Exception {
        answer = HEALTHY.replace("\"schemaVersion\":\"1\"", "\"schemaVersion\":\"0\"")
                .replace("\"lndStatus\":\"ok\"", "\"lndStatus\":\"degraded\"")
                .replace("\"eventsBehind\":3", "\"eventsBehind\":900000");
        var r = check(Map.of());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("schema drift: 0, expected 1").contains("LND degraded")
                .contains("pipeline lag: 900000 events behind");
        answer = HEALTHY.replace("\"dbStatus\":\"ok\"", "\"dbStatus\":\"error\"");
        assertThat(check(Map.of()).err()).contains("database error");
    }

    @Test
    void a_stopped_server_is_unreachable_and_the_alert_is_mailed(@TempDir Path dir) throws Exception {
        Path mailer = dir.resolve("mailer.sh");
        Path mailbox = dir.resolve("mailbox");
        Files.writeString(mailer, "#!/bin/sh\necho \"to: $*\" > " + mailbox + "\ncat >> " + mailbox + "\n");
        mailer.toFile().setExecutable(true);
        int port = server.getAddress().getPort();
        server.stop(0);
        var r = check(Map.of("SATRANK_HEALTH_URL", "http://127.0.0.1:" + port + "/api/health",
                "SATRANK_ALERT_MAIL", "ops@example.org", "SATRANK_MAIL_CMD", mailer.toString()));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unreachable");
        assertThat(Files.readString(mailbox)).contains("to: ops@example.org").contains("unreachable");
    }

    @Test
    void something_that_is_not_satrank_is_reported_as_such() throws Exception {
        answer = "<html>nginx default page</html>";
        var r = check(Map.of());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a SatRank health answer");
    }
}
