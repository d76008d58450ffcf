package com.satrank.ingest.graph;

import com.satrank.lndclient.LndUnavailableException;
import com.satrank.runtime.RepeatingTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link GraphCrawler} on a fixed interval. LND failures back off exponentially (capped at
 * the interval) and are logged and counted; they never end the loop.
 */
public final class GraphCrawlLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphCrawlLoop.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);

    private final GraphCrawler crawler;
    private final Duration interval;
    private final RepeatingTask task = new RepeatingTask("graph-crawler", this::crawl);
    private int failures;

    public GraphCrawlLoop(GraphCrawler crawler, Duration interval) {
        this.crawler = crawler;
        this.interval = interval;
    }

    public void start() {
        task.start();
    }

    private Duration crawl() {
        try {
            GraphCrawler.Result result = crawler.crawlOnce();
            failures = 0;
            LOG.info("graph snapshot {} ({}): {} nodes, {} channels, {} events", result.snapshotId(),
                    result.keyframe() ? "keyframe" : "delta", result.nodes(), result.channels(), result.events());
            return interval;
        } catch (LndUnavailableException e) {
            Duration wait = backoff(++failures);
            LOG.warn("LND unavailable ({} in a row), retrying in {}s: {}", failures, wait.toSeconds(), e.getMessage());
            return wait;
        } catch (RuntimeException e) {
            Duration wait = backoff(++failures);
            LOG.error("graph crawl failed, retrying in {}s", wait.toSeconds(), e);
            return wait;
        }
    }

    Duration backoff(int failureCount) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(failureCount - 1, 16));
        return d.compareTo(interval) > 0 ? interval : d;
    }

    @Override
    public void close() {
        task.close();
    }
}
