package com.satrank.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Tools from outside Maven that tests use as clients we do not own (node and npm packages, promtool,
 * linters). Off CI a missing tool skips the test with its name; on CI, where .ci/run installs them,
 * it fails it.
 */
public final class NodePackages {
    private NodePackages() {
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the test off CI when {@code tool} is not on the PATH. */
    public static void requireTool(String tool) {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(onPath(tool), tool + " not installed");
        }
    }

    /**
     * Node and npm, and the packages of {@code dir}'s package-lock.json, installed there exactly as locked
     * ({@code npm ci}, which never rewrites the lock) unless {@code node_modules/<marker>} is already present.
     */
    public static void install(Path dir, String marker) throws Exception {
        requireTool("node");
        requireTool("npm");
        if (!Files.isDirectory(dir.resolve("node_modules").resolve(marker))) {
            Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--silent")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("npm ci in " + dir).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
    }
}
