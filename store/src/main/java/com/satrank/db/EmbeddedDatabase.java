package com.satrank.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL 16 unpacked from a Maven artifact: what the demo and every test use when no
 * database URL is configured. Data lives under {@code dataDir} so a demo restart keeps its tables.
 *
 * <p>The library stops Postgres from a JVM shutdown hook of its own, which runs at the same time as
 * the process's orderly stop and would pull the database from under the last pass. That hook is
 * replaced by one that waits for {@link #close} (the last step of the orderly stop) and only
 * stops Postgres itself if that never comes, so no cluster outlives a process that died early.
 */
public final class EmbeddedDatabase implements Closeable {
    /** How long the replacement hook lets the orderly stop run before stopping Postgres itself. */
    private static final Duration ORDERLY_STOP = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts Postgres with its cluster in {@code dataDir} (kept) or a temporary one when null. */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** The same on a fixed {@code port} (0: any free one), so a restarted cluster is found where it was. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            java.util.Set<Thread> before = new java.util.HashSet<>(ShutdownHooks.named(EmbeddedDatabase::isCloser));
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
            database.takeOverShutdown(before);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Postgres did not start", e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String user() {
        return "postgres";
    }

    public javax.sql.DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    private static boolean isCloser(String threadName) {
        return threadName.startsWith("postgres-") && threadName.endsWith("-closer");
    }

    private void takeOverShutdown(java.util.Set<Thread> before) {
        for (Thread hook : ShutdownHooks.named(EmbeddedDatabase::isCloser)) {
            if (!before.contains(hook)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        if (!closed.await(ORDERLY_STOP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                            close();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, hook.getName()));
            }
        }
    }

    /** Stops Postgres; idempotent. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closed.countDown();
        }
    }
}
