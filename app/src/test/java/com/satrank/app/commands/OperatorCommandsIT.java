package com.satrank.app.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.lndclient.InvoiceClient;
import com.satrank.lndclient.LndEndpoint;
import com.satrank.lndclient.LndStatus;
import com.satrank.lndsim.SimMacaroons;
import com.satrank.metrics.Metrics;
import com.satrank.model.Sat;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's operator commands refuse what the operator must fix in one line on stderr and a
 * non-zero exit, never a stack trace: bad replay arguments (checked before any database starts),
 * and paying an invoice twice with lnd-sim.
 */
class OperatorCommandsIT {
    private record Run(int exit, String out, String err) {
    }

    private static Run jar(Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of(System.getProperty("user.dir")).resolve("target/satrank.jar").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private static void assertOneLineError(Run run, String expected) {
        assertThat(run.exit()).as(run.err()).isNotZero();
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                .contains(expected);
    }

    @Test
    void replay_refuses_bad_arguments_before_starting_postgres(@TempDir Path dir) throws Exception {
        assertOneLineError(jar(dir, "replay", "--prior", "0"), "prior must be in (0, 100]");
        assertOneLineError(jar(dir, "replay", "--as-of", "yesterday"), "--as-of must be an ISO-8601 instant");
        assertThat(dir.resolve("data/postgres")).as("no database was started").doesNotExist();
    }

    private static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("localhost", port)) {
            return true;
        } catch (java.io.IOException notYet) {
            return false;
        }
    }

    @Test
    void paying_an_invoice_twice_is_one_line_not_a_stack_trace(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path simDir = dir.resolve("sim");
        Process sim = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", Path.of(System.getProperty("user.dir")).resolve("target/satrank.jar").toString(), "lnd-sim",
                "--port", String.valueOf(port), "--dir", simDir.toString(), "--nodes", "200", "--channels", "600")
                .redirectErrorStream(true).redirectOutput(dir.resolve("sim.log").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!listening(port) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            LndEndpoint endpoint = new LndEndpoint("localhost", port, simDir.resolve("tls.cert"),
                    simDir.resolve(SimMacaroons.READONLY), Duration.ofSeconds(10));
            String bolt11;
            try (InvoiceClient invoices = new InvoiceClient(endpoint, simDir.resolve(SimMacaroons.INVOICE),
                    new LndStatus(Metrics.detached()))) {
                bolt11 = invoices.addInvoice(new Sat(21), "twice", 600).bolt11();
            }
            Run first = jar(dir, "lnd-sim", "--port", String.valueOf(port), "--dir", simDir.toString(), "pay", bolt11);
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("preimage ");
            assertOneLineError(jar(dir, "lnd-sim", "--port", String.valueOf(port), "--dir", simDir.toString(), "pay",
                    bolt11), "already paid");
        } finally {
            sim.destroy();
            sim.waitFor(30, TimeUnit.SECONDS);
            sim.destroyForcibly();
        }
    }
}
