package com.satrank.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MCP Inspector's CLI (npm, {@code @modelcontextprotocol/inspector}) as a real MCP client for the
 * tests: installed into src/test/node on first use, run against a URL or a stdio command.
 */
final class McpInspector {
    static final Path NODE_DIR = Path.of(System.getProperty("user.dir"), "src", "test", "node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private McpInspector() {
    }

    /** Installs the inspector if missing; skips the test off CI when node or npm is missing. */
    static void install() throws Exception {
        com.satrank.testing.NodePackages.install(NODE_DIR, "@modelcontextprotocol/inspector");
    }

    /**
     * Runs one method against {@code target} (a URL, or a command and its arguments) and returns the
     * JSON it printed; fails the test on a non-zero exit.
     */
    static JsonNode call(List<String> target, Map<String, String> env, String method, String tool, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(NODE_DIR.resolve("node_modules/.bin/mcp-inspector").toString(),
                "--cli"));
        // a stdio server gets only the variables named with -e (the SDK does not pass the client's environment)
        env.forEach((k, v) -> command.addAll(List.of("-e", k + "=" + v)));
        command.addAll(target);
        command.addAll(List.of("--method", method));
        if (tool != null) {
            command.addAll(List.of("--tool-name", tool));
        }
        for (String a : args) {
            command.addAll(List.of("--tool-arg", a));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(NODE_DIR.toFile());
        Path out = Files.createTempFile("mcp", ".json");
        Path err = Files.createTempFile("mcp", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("inspector finished").isTrue();
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        // a tool error is an answer (the CLI prints the result, then exits non-zero); anything else fails
        JsonNode result = JSON.readTree(printed);
        if (!result.path("isError").asBoolean()) {
            assertThat(p.exitValue()).as(printed + Files.readString(err, StandardCharsets.UTF_8)).isZero();
        }
        return result;
    }
}
