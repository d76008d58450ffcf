package com.satrank.ingest.probe;

import com.satrank.ingest.probe.Prober;
import com.satrank.runtime.RepeatingTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs probe cycles back to back, {@code pause} apart; a failing cycle is logged and retried. */
public final class ProbeLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeLoop.class);

    private final Prober prober;
    private final Duration pause;
    private final RepeatingTask task;

    public ProbeLoop(Prober prober, Duration pause) {
        this.prober = prober;
        this.pause = pause;
        this.task = new RepeatingTask("probe-cycles", this::cycle);
    }

    public void start() {
        task.start();
    }

    private Duration cycle() {
        try {
            Prober.CycleResult r = prober.runCycle();
            if (r.targets() > 0) {
                LOG.info("probe cycle: {} targets, {} events, {} LND errors", r.targets(), r.events(), r.lndErrors());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("probe cycle failed: {}", e.getMessage());
        }
        return pause;
    }

    /** Skips the cycle's remaining targets, waits for the cycle, then for the probes in flight. */
    @Override
    public void close() {
        prober.stop();
        task.close();
        prober.close();
    }
}
