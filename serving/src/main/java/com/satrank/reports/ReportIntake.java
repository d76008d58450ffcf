package com.satrank.reports;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.PaymentReported;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogPosition;
import com.satrank.model.Pubkey;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts reports into the reports log: one per (reporter, target, hour of the server clock), one
 * per preimage ever for anonymous reports, at most {@link #PER_REPORTER_PER_MINUTE} per reporter a
 * minute, and no negative report on a target that already had {@link #NEGATIVE_FLOOD} in the last
 * hour (the reference's abuse limits). The log is appended before the caller answers, so an
 * accepted report survives any later crash, and nothing here touches Postgres. Every guard is
 * rebuilt from the log itself at start.
 */
public final class ReportIntake {
    static final long HOUR_MS = 3_600_000L;
    static final long MINUTE_MS = 60_000L;
    static final int PER_REPORTER_PER_MINUTE = 20;
    static final int NEGATIVE_FLOOD = 30;

    private final EventAppender appender;
    private final InstantSource clock;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> usedPreimages = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Long>> byReporter = new HashMap<>();
    private final Map<String, Deque<Long>> negativesByTarget = new HashMap<>();

    /** What a report is about: a node, or a paid endpoint by url_hash. */
    public record Target(Pubkey node, String urlHash) {
        public static Target node(Pubkey pubkey) {
            return new Target(pubkey, null);
        }

        public static Target endpoint(String urlHash) {
            return new Target(null, urlHash);
        }

        String key() {
            return node != null ? node.hex() : urlHash;
        }
    }

    /** One report as validated by the API; {@code paymentHashHex} only for anonymous ones. */
    public record Report(String reporter, Target target, PaymentReported.Outcome outcome, long amountSat, String bolt11,
                         String preimageHex, String memo, boolean proven, boolean anonymous, String paymentHashHex) {
    }

    public enum Refusal {
        DUPLICATE, PREIMAGE_USED, REPORTER_RATE, NEGATIVE_FLOOD
    }

    /** What became of a report: accepted at a position, or refused. */
    public record Outcome(LogPosition position, Refusal refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    public ReportIntake(ChronicleEventLog log, EventAppender appender, InstantSource clock) {
        this.appender = appender;
        this.clock = clock;
        long now = clock.millis();
        long currentHour = Math.floorDiv(now, HOUR_MS);
        log.forEachEvent(logged -> {
            var event = logged.event();
            if (!event.hasPaymentReported()) {
                return;
            }
            PaymentReported r = event.getPaymentReported();
            long at = event.getEventTimeMs();
            if (!r.getPaymentHash().isEmpty()) {
                usedPreimages.add(HexFormat.of().formatHex(r.getPaymentHash().toByteArray()));
            }
            String target = r.getTargetUrlHash().isEmpty() ? HexFormat.of().formatHex(r.getTargetPubkey().toByteArray())
                    : r.getTargetUrlHash();
            if (Math.floorDiv(at, HOUR_MS) >= currentHour - 1) {
                seen.add(key(r.getReporter(), target, Math.floorDiv(at, HOUR_MS)));
            }
            remember(r.getReporter(), target, r.getOutcome(), at, now);
        });
    }

    public synchronized Outcome accept(Report r) {
        long now = clock.millis();
        long hour = Math.floorDiv(now, HOUR_MS);
        String target = r.target().key();
        String key = key(r.reporter(), target, hour);
        if (r.paymentHashHex() != null && usedPreimages.contains(r.paymentHashHex())) {
            return new Outcome(null, Refusal.PREIMAGE_USED);
        }
        if (seen.contains(key)) {
            return new Outcome(null, Refusal.DUPLICATE);
        }
        if (recent(byReporter.get(r.reporter()), now - MINUTE_MS) >= PER_REPORTER_PER_MINUTE) {
            return new Outcome(null, Refusal.REPORTER_RATE);
        }
        if (r.outcome() != PaymentReported.Outcome.SUCCESS
                && recent(negativesByTarget.get(target), now - HOUR_MS) >= NEGATIVE_FLOOD) {
            return new Outcome(null, Refusal.NEGATIVE_FLOOD);
        }
        PaymentReported.Builder report = PaymentReported.newBuilder()
                .setReporter(r.reporter())
                .setOutcome(r.outcome())
                .setAmountSat(r.amountSat())
                .setProven(r.proven())
                .setAnonymous(r.anonymous());
        if (r.target().node() != null) {
            report.setTargetPubkey(ByteString.copyFrom(r.target().node().toBytes()));
        } else {
            report.setTargetUrlHash(r.target().urlHash());
        }
        if (r.bolt11() != null) {
            report.setBolt11(r.bolt11());
        }
        if (r.preimageHex() != null) {
            report.setPreimage(ByteString.copyFrom(HexFormat.of().parseHex(r.preimageHex())));
        }
        if (r.paymentHashHex() != null) {
            report.setPaymentHash(ByteString.copyFrom(HexFormat.of().parseHex(r.paymentHashHex())));
        }
        if (r.memo() != null) {
            report.setMemo(r.memo());
        }
        LogPosition position = appender.append(Event.newBuilder().setPaymentReported(report));
        seen.add(key);
        seen.removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf('|') + 1)) < hour - 1);
        if (r.paymentHashHex() != null) {
            usedPreimages.add(r.paymentHashHex());
        }
        remember(r.reporter(), target, r.outcome(), now, now);
        return new Outcome(position, null);
    }

    private void remember(String reporter, String target, PaymentReported.Outcome outcome, long at, long now) {
        if (at >= now - MINUTE_MS) {
            byReporter.computeIfAbsent(reporter, k -> new ArrayDeque<>()).addLast(at);
        }
        if (outcome != PaymentReported.Outcome.SUCCESS && at >= now - HOUR_MS) {
            negativesByTarget.computeIfAbsent(target, k -> new ArrayDeque<>()).addLast(at);
        }
        if (byReporter.size() > 100_000) {
            byReporter.values().removeIf(times -> recent(times, now - MINUTE_MS) == 0);
        }
        if (negativesByTarget.size() > 100_000) {
            negativesByTarget.values().removeIf(times -> recent(times, now - HOUR_MS) == 0);
        }
    }

    /** Drops the times before {@code since} and counts the rest. */
    private static int recent(Deque<Long> times, long since) {
        if (times == null) {
            return 0;
        }
        while (!times.isEmpty() && times.peekFirst() < since) {
            times.removeFirst();
        }
        return times.size();
    }

    private static String key(String reporter, String target, long hour) {
        return reporter + "|" + target + "|" + hour;
    }
}
