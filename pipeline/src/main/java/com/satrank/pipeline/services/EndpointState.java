package com.satrank.pipeline.services;

import com.satrank.pipeline.evidence.HourlySums;
import com.satrank.pipeline.evidence.NodeEvidence;
import com.satrank.services.Stage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.TreeSet;

/**
 * What the logs say of one endpoint: its catalogue fields, per stage the outcomes counted in hour
 * buckets of event time (so decay is a function of the counts and the pass time, not of the order
 * floating-point sums were made in), and its stage-1 checks of the last 7 days for uptime/latency.
 */
final class EndpointState {
    static final long HOUR_MS = NodeEvidence.HOUR_MS;

    final String urlHash;
    String url;
    String name = "";
    String description = "";
    String category = "";
    String provider = "";
    String method = "GET";
    long advertisedPriceSats;
    Long priceSats;
    String payee;
    /** The self-registered operator (x-only Nostr pubkey), or null. */
    String operator;
    final TreeSet<String> sources = new TreeSet<>();
    String discoveryOutcome = "";
    boolean deprecated;
    String deprecatedReason;
    long firstListedMs = Long.MIN_VALUE;
    Integer lastHttpStatus;
    Integer lastLatencyMs;
    Long lastCheckedMs;
    long checkCount;
    long successCount;
    long paidProbes;
    long satsSpent;
    final Deque<long[]> recentChecks = new ArrayDeque<>(); // {timeMs, ok, latencyMs}
    final StageEvidence[] stages = new StageEvidence[Stage.values().length];

    /**
     * One stage's outcomes: per hour {probe successes, probe failures, report successes, report
     * failures}, reports in thousandths of their weight (proven 1.0, unverified 0.3); probe totals
     * and the last probe outcome.
     */
    static final class StageEvidence {
        final HourlySums hours = new HourlySums(4);
        long observations;
        long successes;
        String lastOutcome = "";
        Long lastUpdatedMs;
    }

    EndpointState(String urlHash, String url) {
        this.urlHash = urlHash;
        this.url = url;
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new StageEvidence();
        }
    }

    void observe(Stage stage, boolean success, String outcome, long atMs) {
        StageEvidence e = stages[stage.ordinal()];
        e.hours.add(Math.floorDiv(atMs, HOUR_MS), success ? 0 : 1, 1);
        e.observations++;
        e.successes += success ? 1 : 0;
        if (e.lastUpdatedMs == null || atMs >= e.lastUpdatedMs) {
            e.lastOutcome = outcome;
            e.lastUpdatedMs = atMs;
        }
    }

    /** An agent's report on this stage, weighted in thousandths (see {@link StageEvidence}). */
    void report(Stage stage, boolean success, long weightMilli, long atMs) {
        stages[stage.ordinal()].hours.add(Math.floorDiv(atMs, HOUR_MS), success ? 2 : 3, weightMilli);
    }

    /** Forgets buckets older than {@code horizonMs} before {@code asOfMs}, and checks older than 7 days. */
    void prune(long asOfMs, long horizonMs) {
        long oldestHour = Math.floorDiv(asOfMs - horizonMs, HOUR_MS);
        for (StageEvidence e : stages) {
            e.hours.dropBefore(oldestHour);
        }
        long weekAgo = asOfMs - 7 * 24 * HOUR_MS;
        while (!recentChecks.isEmpty() && recentChecks.peekFirst()[0] < weekAgo) {
            recentChecks.removeFirst();
        }
    }
}
