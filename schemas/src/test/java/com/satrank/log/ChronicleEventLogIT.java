package com.satrank.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.GraphSnapshotStarted;
import com.satrank.events.v1.PaymentReported;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronicleEventLogIT {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void every_event_type_round_trips_with_version_time_and_source(@TempDir Path dir) {
        List<Event.Builder> events = List.of(
                Event.newBuilder().setGraphSnapshotStarted(GraphSnapshotStarted.newBuilder().setSnapshotId(7)
                        .setKeyframe(true)),
                Event.newBuilder().setProbeCompleted(ProbeCompleted.newBuilder().setAmountSat(1000)
                        .setMethod(ProbeCompleted.Method.PAYMENT_PROBE).setOutcome(ProbeCompleted.Outcome.SUCCESS)
                        .setTargetPubkey(ByteString.copyFrom(new byte[33]))),
                Event.newBuilder().setPaymentReported(PaymentReported.newBuilder().setReporter("k1")
                        .setOutcome(PaymentReported.Outcome.TIMEOUT).setMemo("ü")));
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.GRAPH, clock)) {
            EventAppender appender = log.appender("test", new byte[] {2, 3});
            List<LogPosition> positions = new ArrayList<>();
            for (Event.Builder e : events) {
                positions.add(appender.append(e));
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(positions).isSorted().doesNotHaveDuplicates();

            ChronicleEventLog.Tailer tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            for (int i = 0; i < events.size(); i++) {
                LoggedEvent read = tailer.next().orElseThrow();
                assertThat(read.position()).isEqualTo(positions.get(i));
                assertThat(read.event().getSchemaVersion()).isEqualTo(ChronicleEventLog.SCHEMA_VERSION);
                assertThat(read.event().getEventTimeMs())
                        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() + i * 1000L);
                assertThat(read.event().getSource().getProcess()).isEqualTo("test");
                assertThat(read.event().getPayloadCase()).isEqualTo(events.get(i).getPayloadCase());
            }
            assertThat(tailer.next()).isEmpty();
        }
    }

    @Test
    void a_reopened_log_resumes_after_a_checkpoint_and_counts_what_is_left(@TempDir Path dir) {
        LogPosition second;
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.PROBES, clock)) {
            EventAppender appender = log.appender("test", null);
            appender.append(probe(1));
            second = appender.append(probe(2));
            appender.append(probe(3));
            appender.append(probe(4));
        }
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.PROBES, clock)) {
            assertThat(log.eventsAfter(second)).isEqualTo(2);
            assertThat(log.eventsAfter(LogPosition.BEFORE_START)).isEqualTo(4);
            assertThat(log.eventsAfter(log.lastPosition())).isZero();
            var tailer = log.tailer().seekAfter(second);
            assertThat(tailer.next().orElseThrow().event().getProbeCompleted().getAmountSat()).isEqualTo(3);
        }
    }

    @Test
    void events_of_a_new_day_roll_into_a_new_cycle_and_stay_in_order(@TempDir Path dir) {
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.REPORTS, clock)) {
            EventAppender appender = log.appender("test", null);
            LogPosition day1 = appender.append(probe(1));
            clock.advance(Duration.ofDays(1));
            LogPosition day2 = appender.append(probe(2));
            assertThat(day2).isGreaterThan(day1);
            var tailer = log.tailer().seekAfter(day1);
            assertThat(tailer.next().orElseThrow().position()).isEqualTo(day2);
        }
    }

    private static Event.Builder probe(int amount) {
        return Event.newBuilder().setProbeCompleted(ProbeCompleted.newBuilder().setAmountSat(amount));
    }
}
