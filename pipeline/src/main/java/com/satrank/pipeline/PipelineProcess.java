package com.satrank.pipeline;

import com.satrank.db.WriterLock;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventLogs;
import com.satrank.log.LogPosition;
import com.satrank.log.LogStream;
import com.satrank.metrics.Metrics;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.store.JdbiScoreStore;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline process: holds the score tables' writer role and drains the graph, probes and
 * reports logs into them. Each drain first makes sure the role is still ours (the advisory lock is
 * taken back after a Postgres restart), and each pass proves it in its own transaction. When another
 * writer took the role (a replay swapped the tables while our lock was gone), this process drops its
 * state, waits until the role is free, and folds the logs again against the tables as they are.
 * Stopping waits for a pass being written, then lets the lock go; the logs and the database belong
 * to whoever opened them.
 */
public final class PipelineProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineProcess.class);
    private static final Duration IDLE = Duration.ofMillis(500);
    private static final List<LogStream> STREAMS = List.of(LogStream.GRAPH, LogStream.PROBES, LogStream.REPORTS,
            LogStream.SERVICES, LogStream.ENDPOINTS);

    private final Jdbi jdbi;
    private final EventLogs logs;
    private final ScoringParams scoring;
    private final InstantSource clock;
    private final Counter fencedOut;
    private final Histogram passDurations;
    private final PipelineLoop loop;
    // written by the loop's thread only; volatile for metrics and close
    private volatile WriterLock lock;
    private volatile ScoringPipeline pipeline;
    /** What pipelines dropped after losing the role had counted, so the exported counters only grow. */
    private final double[] dropped = new double[4];

    private PipelineProcess(Jdbi jdbi, EventLogs logs, ScoringParams scoring, InstantSource clock, WriterLock lock,
                            Metrics metrics) {
        this.jdbi = jdbi;
        this.logs = logs;
        this.scoring = scoring;
        this.clock = clock;
        this.lock = lock;
        this.passDurations = metrics.histogram("satrank_pipeline_pass_duration_seconds",
                "Wall time of each scoring pass written (graph metrics, scoring, the write)", Metrics.PASS_SECONDS);
        this.pipeline = newPipeline(lock);
        this.fencedOut = metrics.counter("satrank_pipeline_fenced_out_total",
                "Times this pipeline found that another writer had taken the score tables");
        this.loop = new PipelineLoop(this::drain, IDLE);
        export(metrics);
    }

    /** @throws IllegalStateException when another pipeline holds the writer lock */
    public static PipelineProcess create(Jdbi jdbi, EventLogs logs, ScoringParams scoring, Metrics metrics,
                                         InstantSource clock) {
        return new PipelineProcess(jdbi, logs, scoring, clock, WriterLock.acquire(jdbi), metrics);
    }

    private ScoringPipeline newPipeline(WriterLock fence) {
        return ScoringPipeline.live(logs.graph(), logs.probes(), logs.reports(), new JdbiScoreStore(jdbi, fence), clock,
                ScoringPipeline.LIVE_HOLD_BACK).withServices(logs.services(), logs.endpoints()).scoring(scoring)
                .timingPasses(passDurations::observe);
    }

    private int drain(BooleanSupplier stop) {
        if (pipeline == null && !takeRole()) {
            return 0;
        }
        try {
            lock.renew();
            return pipeline.drain(stop);
        } catch (WriterLock.FencedOut e) {
            fencedOut.inc();
            LOG.warn("{}; dropping this pipeline's state, it folds the logs again once the role is free", e.getMessage());
            release();
            return 0;
        }
    }

    /** Takes the writer role anew and starts a fresh fold; false while another writer holds it. */
    private boolean takeRole() {
        try {
            WriterLock taken = WriterLock.acquire(jdbi);
            lock = taken;
            pipeline = newPipeline(taken);
            LOG.info("pipeline holds the writer role again (epoch {})", taken.epoch());
            return true;
        } catch (IllegalStateException held) { // another writer holds the lock (FencedOut included)
            return false;
        }
    }

    private synchronized void release() {
        ScoringPipeline old = pipeline;
        if (old != null) {
            dropped[0] += old.passesWritten();
            dropped[1] += old.passesSkipped();
            dropped[2] += old.passSeconds();
            dropped[3] += old.eventsRead();
            old.closeReaders();
        }
        pipeline = null;
        WriterLock held = lock;
        lock = null;
        if (held != null) {
            held.close();
        }
    }

    /** Read at scrape time; lag is events logged but not yet folded by the current fold. */
    private void export(Metrics metrics) {
        metrics.counter("satrank_pipeline_passes_total", "Scoring passes written to the tables",
                counted(0, ScoringPipeline::passesWritten));
        metrics.counter("satrank_pipeline_passes_skipped_total",
                "Scoring passes not written because a later pass in the same drain replaced them",
                counted(1, ScoringPipeline::passesSkipped));
        metrics.counter("satrank_pipeline_pass_seconds_total", "Wall time spent in written passes",
                counted(2, ScoringPipeline::passSeconds));
        metrics.counter("satrank_pipeline_events_total", "Events folded, all streams",
                counted(3, ScoringPipeline::eventsRead));
        metrics.counter("satrank_pipeline_rejected_snapshots_total",
                "Graph snapshots rejected because their digest did not match",
                () -> pipeline == null ? 0 : pipeline.state().rejectedSnapshots());
        Map<String, DoubleSupplier> lag = new LinkedHashMap<>();
        Map<String, DoubleSupplier> undecodable = new LinkedHashMap<>();
        for (LogStream stream : STREAMS) {
            ChronicleEventLog log = logs.get(stream);
            lag.put(stream.dirName(), () -> log.eventsAfter(pipeline == null ? LogPosition.BEFORE_START
                    : pipeline.readPosition(stream)));
            undecodable.put(stream.dirName(), log::undecodableEvents);
        }
        metrics.gauge("satrank_pipeline_service_endpoints",
                "Endpoints in the service tables as of the last pass, and those with a meaningful stage posterior",
                "kind", Map.of("catalogue", () -> pipeline == null ? 0 : pipeline.serviceEndpointsWritten()[0],
                        "with_evidence", () -> pipeline == null ? 0 : pipeline.serviceEndpointsWritten()[1]));
        metrics.gauge("satrank_pipeline_lag_events", "Events in a log the pipeline has not folded yet", "stream", lag);
        metrics.counter("satrank_log_undecodable_events_total",
                "Log documents the pipeline's readers could not decode and skipped", "stream", undecodable);
    }

    private DoubleSupplier counted(int slot, ToDoubleFunction<ScoringPipeline> count) {
        return () -> {
            ScoringPipeline current = pipeline;
            return dropped[slot] + (current == null ? 0 : count.applyAsDouble(current));
        };
    }

    public void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
        WriterLock held = lock;
        if (held != null) {
            held.close();
        }
    }
}
