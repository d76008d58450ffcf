package com.satrank.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployGuardTest {
    private static Path copyOfDeployKit(Path dir, boolean withExclude) throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.copy(Shell.REPO.resolve("Makefile"), dir.resolve("Makefile"));
        Files.copy(Shell.REPO.resolve("scripts/deploy.sh"), dir.resolve("scripts/deploy.sh"));
        if (withExclude) {
            Files.copy(Shell.REPO.resolve(".rsync-exclude"), dir.resolve(".rsync-exclude"));
        }
        return dir;
    }

    @Test
    void make_deploy_refuses_without_rsync_exclude(@TempDir Path dir) throws Exception {
        Shell.requireTool("make");
        copyOfDeployKit(dir, false);
        var r = Shell.run(dir, Map.of("SATRANK_HOST", "nobody@localhost", "REMOTE_DIR", "/tmp/x"),
                List.of("make", "-s", "deploy"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("deploy refused: .rsync-exclude is missing");
    }

    @Test
    void make_deploy_refuses_when_a_secret_pattern_is_missing(@TempDir Path dir) throws Exception {
        Shell.requireTool("make");
        copyOfDeployKit(dir, true);
        String trimmed = Files.readAllLines(dir.resolve(".rsync-exclude")).stream()
                .filter(l -> !l.equals("*.macaroon")).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve(".rsync-exclude"), trimmed + "\n");
        var r = Shell.run(dir, Map.of("SATRANK_HOST", "nobody@localhost", "REMOTE_DIR", "/tmp/x"),
                List.of("make", "-s", "deploy"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("lacks the pattern '*.macaroon'");
    }

    @Test
    void make_deploy_refuses_without_a_destination(@TempDir Path dir) throws Exception {
        Shell.requireTool("make");
        copyOfDeployKit(dir, true);
        var r = Shell.run(dir, Map.of(), List.of("make", "-s", "deploy"));
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("set SATRANK_HOST");
    }

    @Test
    void rsync_dry_run_with_the_exclude_file_ships_code_and_no_secret_or_data(@TempDir Path dir) throws Exception {
        Shell.requireTool("rsync");
        Path tree = dir.resolve("tree");
        String[] decoys = {".env", ".env.production", "config/.env.local", "lnd/admin.macaroon", "readonly.macaroon",
            "data/graph/20260101F.cq4", "data/postgres/PG_VERSION", "satrank.db", "cache.sqlite3", "x.sqlite",
            "backups/dump.sql", "serving/target/satrank.jar", "app.log", "logs/out.txt", ".idea/workspace.xml",
            ".vscode/settings.json", "satrank.iml", "tls.cert", "tls.key", "secret.pem"};
        String[] shipped = {"README.md", "serving/src/main/java/A.java", "config/satrank.yml", "docker/Dockerfile",
            "Makefile"};
        for (String f : concat(decoys, shipped)) {
            Path p = tree.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        var r = Shell.run(dir, Map.of(), List.of("rsync", "-an", "--out-format=%n",
                "--exclude-from=" + Shell.REPO.resolve(".rsync-exclude"), tree + "/", dir.resolve("dest") + "/"));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> listed = Arrays.stream(r.out().split("\n")).filter(s -> !s.isBlank() && !s.endsWith("/"))
                .toList();
        assertThat(listed).containsExactlyInAnyOrder(shipped);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
