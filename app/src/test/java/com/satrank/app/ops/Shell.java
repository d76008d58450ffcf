package com.satrank.app.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's shell scripts and tools the way an operator would. */
final class Shell {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    private Shell() {
    }

    record Result(int exit, String out, String err) {
    }

    /** Off CI a missing tool skips the test; on CI (where .ci/run installs it) it fails it. */
    static void requireTool(String tool) {
        com.satrank.testing.NodePackages.requireTool(tool);
    }

    static boolean onPath(String tool) {
        return com.satrank.testing.NodePackages.onPath(tool);
    }

    static Result run(Path workDir, Map<String, String> env, List<String> command) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
