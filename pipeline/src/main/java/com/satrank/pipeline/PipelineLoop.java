package com.satrank.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains the pipeline on its own thread, pausing {@code idle} whenever it has caught up. */
public final class PipelineLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineLoop.class);

    private final GraphPipeline pipeline;
    private final Duration idle;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile String lastError = "";
    private Thread thread;

    public PipelineLoop(GraphPipeline pipeline, Duration idle) {
        this.pipeline = pipeline;
        this.idle = idle;
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = new Thread(this::loop, "pipeline");
        thread.setDaemon(true);
        thread.start();
    }

    public String lastError() {
        return lastError;
    }

    private void loop() {
        while (running.get()) {
            try {
                int wrote = pipeline.drain();
                if (wrote > 0) {
                    LOG.info("pipeline wrote {} snapshot(s); {} nodes as of snapshot {}", wrote,
                            pipeline.state().nodes().size(), pipeline.state().appliedSnapshotId());
                }
                lastError = "";
            } catch (RuntimeException e) {
                // Postgres down or similar: nothing was committed, the next drain retries from the
                // checkpoint held in memory.
                lastError = String.valueOf(e.getMessage());
                LOG.warn("pipeline pass failed, retrying: {}", e.getMessage());
            }
            try {
                Thread.sleep(idle.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running.set(false);
        if (thread != null) {
            thread.interrupt();
        }
    }
}
