package com.satrank.pipeline;

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
    public static PipelineProcess create(Jdbi jdbi, EventLogs logs, ScoringParams scoring, InstantSource clock) {
        WriterLock lock = WriterLock.acquire(jdbi);
        ScoringPipeline pipeline = ScoringPipeline.live(logs.graph(), logs.probes(), logs.reports(),
                new JdbiScoreStore(jdbi), clock, ScoringPipeline.LIVE_HOLD_BACK).scoring(scoring);
        return new PipelineProcess(lock, new PipelineLoop(pipeline, IDLE));
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
