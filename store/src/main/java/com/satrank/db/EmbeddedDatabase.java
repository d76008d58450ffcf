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
 *
 * <p>It is the default database of every process, so it is durable: the library's test defaults
 * ({@code -F}, fsync off, and {@code synchronous_commit=off}) are overridden, and an acknowledged
 * debit or redemption survives a crash or a power loss. Only the project's in-process tests turn
 * that off ({@value #DURABLE_PROPERTY}{@code =false}) for speed. A process killed with SIGKILL leaves
 * its postmaster running on the data directory; the next start stops it (smart shutdown, the
 * clients being gone) and comes up on the same cluster.
 */
public final class EmbeddedDatabase implements Closeable {
    /** How long the replacement hook lets the orderly stop run before stopping Postgres itself. */
    private static final Duration ORDERLY_STOP = Duration.ofSeconds(60);
    /** System property: "false" runs without fsync and synchronous commit (in-process tests only). */
    public static final String DURABLE_PROPERTY = "satrank.embedded.durable";
    private static final Duration ORPHAN_STOP = Duration.ofSeconds(60);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);

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
            boolean durable = !"false".equals(System.getProperty(DURABLE_PROPERTY));
            // "-c fsync=on" comes after the library's "-F" on the command line, and the last one wins
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                stopOrphan(dataDir);
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

    /**
     * A postmaster a killed process left on {@code dataDir} (its pid file names a live postgres
     * whose command line has this directory) is asked to stop, and waited for.
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        Path owner;
        try {
            // line 1: the postmaster's pid; line 2: its data directory, absolute
            java.util.List<String> lines = Files.readAllLines(pidFile);
            pid = Long.parseLong(lines.get(0).trim());
            owner = Path.of(lines.get(1).trim()).toRealPath();
        } catch (RuntimeException | IOException e) {
            return; // unreadable or half-written: Postgres itself decides whether it is stale
        }
        if (!owner.equals(dataDir.toRealPath())) {
            return;
        }
        String dir = owner.toString();
        java.util.Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        LOG.warn("a previous run left its Postgres (pid {}) on {}; stopping it before starting again", pid, dir);
        orphan.get().destroy(); // SIGTERM: smart shutdown, its clients died with their process
        try {
            orphan.get().onExit().get(ORPHAN_STOP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the previous run's Postgres (pid " + pid + ") did not stop within " + ORPHAN_STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the previous run's Postgres to stop", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
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
