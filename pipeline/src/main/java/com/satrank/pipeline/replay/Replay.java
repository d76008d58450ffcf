package com.satrank.pipeline.replay;

import com.satrank.db.Migrations;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.pipeline.ScoringPipeline;
import com.satrank.pipeline.store.JdbiScoreStore;
import com.satrank.db.WriterLock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Recomputes every score table from index 0 of the logs into a fresh schema beside the live one,
 * measures how it differs, and (unless dry) swaps it in: in one transaction, under the writer lock,
 * each live score table is dropped and the rebuilt one moved into its place, so a reader sees the
 * old tables or the new ones, never a mix. Billing tables are never touched. On any failure the
 * fresh schema is dropped and the live tables are as they were.
 */
public final class Replay {
    /** The tables the pipeline writes; the replay rebuilds exactly these. */
    public static final List<String> SCORE_TABLES = List.of("nodes", "node_scores", "node_score_history",
            "network_stats", "reports", "pipeline_checkpoint", "service_endpoints", "endpoint_stage_posteriors", "liquidity_curve");
    public static final String SCHEMA = "satrank_replay";

    private final String url;
    private final String user;
    private final String password;
    private final Path dataDir;

    public Replay(String url, String user, String password, Path dataDir) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataDir = dataDir;
    }

    /** How the rebuilt tables differ from the live ones. */
    public record Diff(Map<String, Long> differingRows, long verdictChanges, double[] deltaPPercentiles,
                       long events, double seconds, Passes passes) {
    }

    /** Scoring passes the replay wrote, those it skipped as superseded, and the time spent in the written ones. */
    public record Passes(long written, long skipped, double seconds, double writeSeconds) {
    }

    public Diff rebuild() {
        return rebuild(null, progress -> { });
    }

    /**
     * @param asOf     only events with event time ≤ asOf (null: everything)
     * @param progress told (events read, events in the logs) about twice a second while it runs
     */
    public Diff rebuild(java.time.Instant asOf, java.util.function.Consumer<long[]> progress) {
        return rebuild(asOf, com.satrank.model.ScoringParams.DEFAULT, progress);
    }

    /** @param scoring the parameters to recompute with (the pipeline's own, or ones an operator is trying out) */
    public Diff rebuild(java.time.Instant asOf, com.satrank.model.ScoringParams scoring,
                        java.util.function.Consumer<long[]> progress) {
        Jdbi live = jdbi(url);
        live.useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
        try {
            Migrations.migrateSchema(url, user, password, SCHEMA);
            // Batched inserts as multi-row statements: a fresh schema takes every row of a pass at once.
            Jdbi replay = jdbi(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA
                    + "&reWriteBatchedInserts=true");
            long start = System.nanoTime();
            long events;
            Passes passes;
            try (ChronicleEventLog g = ChronicleEventLog.open(dataDir, LogStream.GRAPH, Clock.systemUTC());
                 ChronicleEventLog p = ChronicleEventLog.open(dataDir, LogStream.PROBES, Clock.systemUTC());
                 ChronicleEventLog r = ChronicleEventLog.open(dataDir, LogStream.REPORTS, Clock.systemUTC());
                 ChronicleEventLog sv = ChronicleEventLog.open(dataDir, LogStream.SERVICES, Clock.systemUTC());
                 ChronicleEventLog ep = ChronicleEventLog.open(dataDir, LogStream.ENDPOINTS, Clock.systemUTC())) {
                events = g.eventsAfter(com.satrank.log.LogPosition.BEFORE_START)
                        + p.eventsAfter(com.satrank.log.LogPosition.BEFORE_START)
                        + r.eventsAfter(com.satrank.log.LogPosition.BEFORE_START)
                        + sv.eventsAfter(com.satrank.log.LogPosition.BEFORE_START)
                        + ep.eventsAfter(com.satrank.log.LogPosition.BEFORE_START);
                ScoringPipeline pipeline = asOf == null ? ScoringPipeline.replay(g, p, r, new JdbiScoreStore(replay))
                        : ScoringPipeline.replayAsOf(g, p, r, new JdbiScoreStore(replay), asOf);
                pipeline.withServices(sv, ep).scoring(scoring).readingAhead();
                Thread reporter = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        progress.accept(new long[] {pipeline.eventsRead(), events});
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "replay-progress");
                reporter.setDaemon(true);
                reporter.start();
                try {
                    pipeline.drain();
                } finally {
                    reporter.interrupt();
                    pipeline.closeReaders();
                }
                progress.accept(new long[] {pipeline.eventsRead(), events});
                passes = new Passes(pipeline.passesWritten(), pipeline.passesSkipped(), pipeline.passSeconds(),
                        pipeline.passWriteSeconds());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return live.withHandle(h -> diff(h, events, seconds, passes));
        } catch (RuntimeException e) {
            discard();
            throw e;
        }
    }

    private static Diff diff(Handle h, long events, double seconds, Passes passes) {
        Map<String, Long> differing = new LinkedHashMap<>();
        for (String t : SCORE_TABLES) {
            differing.put(t, h.createQuery("SELECT count(*) FROM ((SELECT * FROM " + SCHEMA + "." + t
                    + " EXCEPT ALL SELECT * FROM public." + t + ") UNION ALL (SELECT * FROM public." + t
                    + " EXCEPT ALL SELECT * FROM " + SCHEMA + "." + t + ")) d").mapTo(Long.class).one());
        }
        long verdicts = h.createQuery("SELECT count(*) FROM " + SCHEMA + ".node_scores n JOIN public.node_scores o"
                + " USING (node_id) WHERE n.verdict <> o.verdict").mapTo(Long.class).one();
        double[] percentiles = h.createQuery("SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY d), 0),"
                        + " coalesce(percentile_cont(0.9) WITHIN GROUP (ORDER BY d), 0),"
                        + " coalesce(percentile_cont(0.99) WITHIN GROUP (ORDER BY d), 0), coalesce(max(d), 0)"
                        + " FROM (SELECT abs(n.p_success - o.p_success) AS d FROM " + SCHEMA + ".node_scores n"
                        + " JOIN public.node_scores o USING (node_id)) x")
                .map((rs, ctx) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .one();
        return new Diff(differing, verdicts, percentiles, events, seconds, passes);
    }

    /** Moves the rebuilt tables into place, atomically; refused while a pipeline holds the writer lock. */
    public void swap() {
        try {
            jdbi(url).useTransaction(h -> {
                if (!WriterLock.tryInTransaction(h, "replay swap")) {
                    throw new IllegalStateException("a pipeline is running against this database: stop it, then"
                            + " replay again (or use --dry-run to compare without swapping)");
                }
                for (String t : SCORE_TABLES) {
                    h.execute("DROP TABLE public." + t);
                    h.execute("ALTER TABLE " + SCHEMA + "." + t + " SET SCHEMA public");
                }
            });
        } finally {
            discard();
        }
    }

    /** Drops the replay schema (what is left of it after a swap, or all of it after a dry run or failure). */
    public void discard() {
        jdbi(url).useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"));
    }

    private Jdbi jdbi(String jdbcUrl) {
        return Jdbi.create(jdbcUrl, user, password).installPlugin(new SqlObjectPlugin());
    }
}
