package com.satrank.pipeline;

import com.satrank.runtime.RepeatingTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains the pipeline on its own thread, pausing {@code idle} whenever it has caught up. */
public final class PipelineLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLoop.class);

    private final ScoringPipeline pipeline;
    private final Duration idle;
    private final RepeatingTask task = new RepeatingTask("pipeline", this::drain);

    public PipelineLoop(ScoringPipeline pipeline, Duration idle) {
        this.pipeline = pipeline;
        this.idle = idle;
    }

    public void start() {
        task.start();
    }

    private Duration drain() {
        try {
            int wrote = pipeline.drain(task::stopping);
            if (wrote > 0) {
                LOG.info("pipeline wrote {} snapshot(s); {} nodes as of snapshot {}", wrote,
                        pipeline.state().nodes().size(), pipeline.state().appliedSnapshotId());
            }
        } catch (RuntimeException e) {
            // Postgres down or similar: nothing was committed; the next drain retries the same
            // snapshot because the checkpoint only moves with a commit.
            LOG.warn("pipeline pass failed, retrying: {}", e.getMessage());
        }
        return idle;
    }

    @Override
    public void close() {
        task.close();
    }
}
