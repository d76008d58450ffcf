package com.satrank.pipeline;

import java.util.function.LongPredicate;

/**
 * Decides, from event times alone, which scoring passes run: one as of each completed snapshot
 * and, between snapshots, one as of the last {@link #CADENCE_MS} boundary before each incoming
 * event. Of those, a pass at or before the last one a store already holds is not written again
 * (a restart re-folds the logs from index 0), and a replay skips a pass that a later one in the
 * same drain rewrites, except a day's first, whose history rows nothing later rewrites.
 */
public final class PassPlanner {
    /** Scores are refreshed at least this often in event time. */
    public static final long CADENCE_MS = 15 * 60 * 1000L;
    static final long DAY_MS = 24 * 3600 * 1000L;

    /** What becomes of a pass. */
    public enum Kind {
        /** An earlier run wrote it: nothing to write; the reports it took are written too. */
        ALREADY_WRITTEN,
        /** A later pass in this drain rewrites everything it would write. */
        SKIPPED,
        /** Written in full. */
        FULL,
        /** Superseded but the day's first: only its history rows are written. */
        HISTORY_ONLY
    }

    /** A planned pass; {@code firstOfDay}: the first pass of its UTC day, which writes history rows. */
    public record Pass(long asOfMs, Kind kind, boolean firstOfDay) {
        public boolean writes() {
            return kind == Kind.FULL || kind == Kind.HISTORY_ONLY;
        }
    }

    private final boolean skipSuperseded;
    private long writtenAsOf;
    private long lastPassAsOf = Long.MIN_VALUE;
    private long previousPassDay = Long.MIN_VALUE;
    private volatile long skipped; // read by metrics while a drain runs

    /**
     * @param writtenAsOf    the last pass the store holds ({@link Long#MIN_VALUE} for none)
     * @param skipSuperseded whether superseded passes may be skipped (a replay of complete logs)
     */
    public PassPlanner(long writtenAsOf, boolean skipSuperseded) {
        this.writtenAsOf = writtenAsOf;
        this.skipSuperseded = skipSuperseded;
    }

    /**
     * The cadence boundary a pass is due at before an event at {@code eventTimeMs} is folded in, or
     * {@link Long#MIN_VALUE} when none is (no graph yet, or a pass already ran at or after it).
     */
    public long cadencePassBefore(long eventTimeMs, boolean hasGraph) {
        long boundary = Math.floorDiv(eventTimeMs - 1, CADENCE_MS) * CADENCE_MS;
        return hasGraph && boundary > lastPassAsOf ? boundary : Long.MIN_VALUE;
    }

    /**
     * Plans the pass as of {@code asOfMs}; {@code superseded} tells whether a later pass in this
     * drain is certain (asked only of a replay, and only for a pass not yet written).
     */
    public Pass plan(long asOfMs, LongPredicate superseded) {
        lastPassAsOf = asOfMs;
        long day = Math.floorDiv(asOfMs, DAY_MS);
        boolean firstOfDay = day != previousPassDay;
        previousPassDay = day;
        if (asOfMs <= writtenAsOf) {
            return new Pass(asOfMs, Kind.ALREADY_WRITTEN, firstOfDay);
        }
        boolean isSuperseded = skipSuperseded && superseded.test(asOfMs);
        if (isSuperseded && !firstOfDay) {
            skipped++;
            return new Pass(asOfMs, Kind.SKIPPED, false);
        }
        return new Pass(asOfMs, isSuperseded ? Kind.HISTORY_ONLY : Kind.FULL, firstOfDay);
    }

    /** The pass was committed. */
    public void written(Pass pass) {
        writtenAsOf = pass.asOfMs();
    }

    /** Passes skipped because a later one rewrote them. */
    public long skipped() {
        return skipped;
    }
}
