package com.satrank.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What the tests that run a demo wait for before they start: a ranked node, and a data directory. */
final class DemoNodes {
    private DemoNodes() {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The top-ranked node's pubkey once the demo ranks one (90 s at most); {@code headers} go with each ask. */
    static String awaitRanked(HttpJson http, String... headers) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            HttpJson.Reply top = http.get("/api/agents/top?limit=1", headers);
            if (top.status() == 200 && top.body().at("/meta/total").asInt() > 0) {
                return top.body().at("/data/0/publicKey").asText();
            }
            Thread.sleep(1000); // free routes may be rate-limited in these configs
        }
        throw new AssertionError("demo ranked no node within 90 s");
    }
}
