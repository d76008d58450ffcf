package com.satrank.ingest.graph;

import com.satrank.events.v1.Event;
import com.satrank.graph.GraphSnapshot;
import com.satrank.lndclient.LndGraphClient;
import com.satrank.log.EventAppender;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * One DescribeGraph → one snapshot in the graph log. The first snapshot after start, and one at
 * least every {@code keyframeEvery} of event time, is a keyframe; the rest are deltas against the
 * previous snapshot held in memory. If an append fails half-way, the previous snapshot is dropped
 * so the next one is a keyframe: readers ignore the unfinished snapshot and need no repair.
 */
public final class GraphCrawler {
    private final LndGraphClient lnd;
    private final EventAppender appender;
    private final InstantSource clock;
    private final Duration keyframeEvery;

    private GraphSnapshot previous;
    private long previousId;
    private long lastKeyframeAtMs;

    public GraphCrawler(LndGraphClient lnd, EventAppender appender, InstantSource clock, Duration keyframeEvery) {
        this.lnd = lnd;
        this.appender = appender;
        this.clock = clock;
        this.keyframeEvery = keyframeEvery;
    }

    /** What one crawl wrote. */
    public record Result(long snapshotId, boolean keyframe, int events, int nodes, int channels) {
    }

    /** Pubkeys of the last graph crawled (empty before the first crawl): the prober's candidates. */
    public synchronized java.util.List<com.satrank.model.Pubkey> lastNodePubkeys() {
        if (previous == null) {
            return java.util.List.of();
        }
        return previous.nodes().keySet().stream()
                .map(k -> com.satrank.model.Pubkey.fromBytes(k.toByteArray())).toList();
    }

    public synchronized Result crawlOnce() {
        GraphSnapshot current = lnd.describeGraph();
        long now = clock.millis();
        long snapshotId = Math.max(previousId + 1, now);
        boolean keyframe = previous == null || now - lastKeyframeAtMs >= keyframeEvery.toMillis();
        List<Event.Builder> events = keyframe
                ? SnapshotEvents.keyframe(snapshotId, current, now)
                : SnapshotEvents.delta(snapshotId, previousId, previous, current, now);
        try {
            for (Event.Builder event : events) {
                appender.append(event);
            }
        } catch (RuntimeException e) {
            previous = null;
            throw e;
        }
        previous = current;
        previousId = snapshotId;
        if (keyframe) {
            lastKeyframeAtMs = now;
        }
        return new Result(snapshotId, keyframe, events.size(), current.nodes().size(), current.channels().size());
    }
}
