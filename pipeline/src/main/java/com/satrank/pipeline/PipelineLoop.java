package com.satrank.pipeline;

import com.satrank.runtime.RepeatingTask;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains on its own thread, pausing {@code idle} whenever it has caught up. */
public final class PipelineLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLoop.class);

    /** One drain: reads what the logs hold (until {@code stop} says so) and returns the passes written. */
    @FunctionalInterface
    public interface Drain {
        int drain(BooleanSupplier stop);
    }

    private final Drain drain;
    private final Duration idle;
    private final RepeatingTask task = new RepeatingTask("pipeline", this::step);

    public PipelineLoop(Drain drain, Duration idle) {
        this.drain = drain;
        this.idle = idle;
    }

    public void start() {
        task.start();
    }

    private Duration step() {
        try {
            int wrote = drain.drain(task::stopping);
            if (wrote > 0) {
                LOG.info("pipeline wrote {} pass(es)", wrote);
            }
        } catch (RuntimeException | AssertionError e) {
            // Postgres down or similar: nothing was committed; the next drain retries the same
            // snapshot because the checkpoint only moves with a commit. (The Postgres driver asserts
            // when its connection dies in the middle of a batch: with -ea that is an AssertionError,
            // which must not end the loop either.)
            LOG.warn("pipeline pass failed, retrying: {}", e.getMessage());
        }
        return idle;
    }

    @Override
    public void close() {
        task.close();
    }
}
