package com.satrank.ingest.graph;

import com.satrank.ingest.lnd.LndUnavailableException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link GraphCrawler} on a fixed interval on its own thread. LND failures back off
 * exponentially (capped at the interval) and are logged and counted; they never end the loop.
 */
public final class GraphCrawlLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphCrawlLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

    private final GraphCrawler crawler;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<GraphCrawler.Result> lastResult = new AtomicReference<>();
    private Thread thread;

    public GraphCrawlLoop(GraphCrawler crawler, Duration interval) {
        this.crawler = crawler;
        this.interval = interval;
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        thread = new Thread(this::loop, "graph-crawler");
        thread.setDaemon(true);
        thread.start();
    }

    public GraphCrawler.Result lastResult() {
        return lastResult.get();
    }

    private void loop() {
        int failures = 0;
        while (running.get()) {
            Duration wait = interval;
            try {
                GraphCrawler.Result result = crawler.crawlOnce();
                lastResult.set(result);
                failures = 0;
                LOG.info("graph snapshot {} ({}): {} nodes, {} channels, {} events", result.snapshotId(),
                        result.keyframe() ? "keyframe" : "delta", result.nodes(), result.channels(), result.events());
            } catch (LndUnavailableException e) {
                failures++;
                wait = backoff(failures);
                LOG.warn("LND unavailable ({} in a row), retrying in {}s: {}", failures, wait.toSeconds(),
                        e.getMessage());
            } catch (RuntimeException e) {
                failures++;
                wait = backoff(failures);
                LOG.error("graph crawl failed, retrying in {}s", wait.toSeconds(), e);
            }
            sleep(wait);
        }
    }

    Duration backoff(int failures) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 16));
        return d.compareTo(interval) > 0 ? interval : d;
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
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
