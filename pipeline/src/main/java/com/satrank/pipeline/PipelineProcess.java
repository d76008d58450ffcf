package com.satrank.pipeline;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import com.satrank.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

import com.satrank.db.WriterLock;
import com.satrank.log.EventLogs;
import com.satrank.model.ScoringParams;
import com.satrank.pipeline.store.JdbiScoreStore;
import java.time.Duration;
import java.time.InstantSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The pipeline process: holds the score tables' writer lock for its whole life and drains the
 * graph, probes and reports logs into them. Stopping waits for a pass being written, then lets the
 * lock go; the logs and the database belong to whoever opened them.
 */
public final class PipelineProcess implements AutoCloseable {
    private static final Duration IDLE = Duration.ofMillis(500);

    private final WriterLock lock;
    private final PipelineLoop loop;

    private PipelineProcess(WriterLock lock, PipelineLoop loop) {
        this.lock = lock;
        this.loop = loop;
    }

    /** @throws IllegalStateException when another pipeline holds the writer lock */
    public static PipelineProcess create(Jdbi jdbi, EventLogs logs, ScoringParams scoring, Metrics metrics,
                                         InstantSource clock) {
        WriterLock lock = WriterLock.acquire(jdbi);
        ScoringPipeline pipeline = ScoringPipeline.live(logs.graph(), logs.probes(), logs.reports(),
                new JdbiScoreStore(jdbi), clock, ScoringPipeline.LIVE_HOLD_BACK).scoring(scoring);
        export(pipeline, logs, metrics);
        return new PipelineProcess(lock, new PipelineLoop(pipeline, IDLE));
    }

    /** Read at scrape time from the runner's own counts; lag is events logged but not yet folded. */
    private static void export(ScoringPipeline pipeline, EventLogs logs, Metrics metrics) {
        metrics.counter("satrank_pipeline_passes_total", "Scoring passes written to the tables", pipeline::passesWritten);
        metrics.counter("satrank_pipeline_passes_skipped_total",
                "Scoring passes not written because a later pass in the same drain replaced them", pipeline::passesSkipped);
        metrics.counter("satrank_pipeline_pass_seconds_total", "Wall time spent in written passes", pipeline::passSeconds);
        metrics.counter("satrank_pipeline_events_total", "Events folded, all streams", pipeline::eventsRead);
        metrics.counter("satrank_pipeline_rejected_snapshots_total",
                "Graph snapshots rejected because their digest did not match", () -> pipeline.state().rejectedSnapshots());
        Map<String, DoubleSupplier> lag = new LinkedHashMap<>();
        Map<String, DoubleSupplier> undecodable = new LinkedHashMap<>();
        for (LogStream stream : List.of(LogStream.GRAPH, LogStream.PROBES, LogStream.REPORTS)) {
            ChronicleEventLog log = logs.get(stream);
            lag.put(stream.dirName(), () -> log.eventsAfter(pipeline.readPosition(stream)));
            undecodable.put(stream.dirName(), log::undecodableEvents);
        }
        metrics.gauge("satrank_pipeline_lag_events", "Events in a log the pipeline has not folded yet", "stream", lag);
        metrics.counter("satrank_log_undecodable_events_total",
                "Log documents the pipeline's readers could not decode and skipped", "stream", undecodable);
    }

    public void start() {
        loop.start();
    }

    @Override
    public void close() {
        loop.close();
        lock.close();
    }
}
