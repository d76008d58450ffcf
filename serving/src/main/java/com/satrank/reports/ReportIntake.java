package com.satrank.reports;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.PaymentReported;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogPosition;
import com.satrank.model.Pubkey;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts reports into the reports log: one per (reporter, target, hour of the server clock).
 * The log is appended before the caller answers 201, so an accepted report survives any later
 * crash, and nothing here touches Postgres: reports are taken while the database is down. The
 * duplicate guard is rebuilt from the log itself at start.
 */
public final class ReportIntake {
    static final long HOUR_MS = 3_600_000L;

    private final EventAppender appender;
    private final InstantSource clock;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public ReportIntake(ChronicleEventLog log, EventAppender appender, InstantSource clock) {
        this.appender = appender;
        this.clock = clock;
        long currentHour = Math.floorDiv(clock.millis(), HOUR_MS);
        log.forEachEvent(logged -> {
            var event = logged.event();
            long hour = Math.floorDiv(event.getEventTimeMs(), HOUR_MS);
            if (event.hasPaymentReported() && hour >= currentHour - 1) {
                seen.add(key(event.getPaymentReported().getReporter(),
                        event.getPaymentReported().getTargetPubkey().toByteArray(), hour));
            }
        });
    }

    /** What became of a report. */
    public record Accepted(LogPosition position, boolean proven) {
    }

    /** @return empty when this reporter already reported this target this hour */
    public synchronized java.util.Optional<Accepted> accept(String reporter, Pubkey target, PaymentReported.Outcome outcome,
                                                           long amountSat, String bolt11, String preimageHex,
                                                           String memo, boolean proven) {
        long hour = Math.floorDiv(clock.millis(), HOUR_MS);
        String key = key(reporter, target.toBytes(), hour);
        if (seen.contains(key)) {
            return java.util.Optional.empty();
        }
        PaymentReported.Builder report = PaymentReported.newBuilder()
                .setTargetPubkey(ByteString.copyFrom(target.toBytes()))
                .setReporter(reporter)
                .setOutcome(outcome)
                .setAmountSat(amountSat)
                .setProven(proven);
        if (bolt11 != null) {
            report.setBolt11(bolt11);
        }
        if (preimageHex != null) {
            report.setPreimage(ByteString.copyFrom(HexFormat.of().parseHex(preimageHex)));
        }
        if (memo != null) {
            report.setMemo(memo);
        }
        LogPosition position = appender.append(Event.newBuilder().setPaymentReported(report));
        seen.add(key);
        seen.removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf('|') + 1)) < hour - 1);
        return java.util.Optional.of(new Accepted(position, proven));
    }

    private static String key(String reporter, byte[] target, long hour) {
        return reporter + "|" + HexFormat.of().formatHex(target) + "|" + hour;
    }
}
