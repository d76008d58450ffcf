package com.satrank.app;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A SatRank process as a separate JVM from the built jar, for tests that kill it or pull its database away. */
final class JarProcess {
    private JarProcess() {
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Writes a process config: loopback HTTP on {@code port} (admin on a free one), no request log,
     * warnings only, {@code dataDir}, then {@code rest} (more top-level YAML).
     */
    static Path writeConfig(Path file, int port, Path dataDir, String rest) throws Exception {
        return writeConfig(file, port, freePort(), dataDir, rest);
    }

    /** The same with a known admin port (its tasks, such as {@code POST /tasks/gc}). */
    static Path writeConfig(Path file, int port, int adminPort, Path dataDir, String rest) throws Exception {
        java.nio.file.Files.writeString(file, """
                server:
                  applicationConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: %d, bindHost: 127.0.0.1}]
                  requestLog: {appenders: []}
                logging: {level: WARN}
                dataDir: %s
                """.formatted(port, adminPort, dataDir) + rest);
        return file;
    }

    /** Output goes to api.log beside the config, for reading when a test fails. */
    static Process start(Path config) throws Exception {
        return start("server", config);
    }

    /** Any of the jar's process commands (server, ingest, pipeline); output to {@code <command>.log}. */
    static Process start(String command, Path config) throws Exception {
        Path jar = Path.of(System.getProperty("user.dir")).resolve("target/satrank.jar");
        String log = command.equals("server") ? "api.log" : command + ".log";
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(), command, config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.resolveSibling(log).toFile())).start();
    }

    static void awaitUp(HttpJson http, Process p) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline) && p.isAlive()) {
            try {
                if (http.get("/api/stats").status() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the api did not come up");
    }
}
