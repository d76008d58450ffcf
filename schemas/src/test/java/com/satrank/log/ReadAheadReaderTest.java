package com.satrank.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.events.v1.NodeQueried;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadReaderTest {
    @Test
    void reads_every_event_in_log_order_across_batches_and_then_stays_at_the_end(@TempDir Path dir) {
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        List<LoggedEvent> plain = new ArrayList<>();
        List<LoggedEvent> ahead = new ArrayList<>();
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.QUERIES, () -> t)) {
            EventAppender appender = log.appender("test", null);
            for (int i = 0; i < 10_000; i++) {
                appender.append(Event.newBuilder().setNodeQueried(NodeQueried.newBuilder()));
            }
            var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            for (var e = tailer.next(); e.isPresent(); e = tailer.next()) {
                plain.add(e.get());
            }
            try (ReadAheadReader reader = new ReadAheadReader(log)) {
                for (var e = reader.next(); e.isPresent(); e = reader.next()) {
                    ahead.add(e.get());
                }
                assertThat(reader.next()).isEmpty();
            }
        }
        assertThat(ahead).hasSize(10_000).isEqualTo(plain);
    }

    @Test
    void a_read_that_fails_while_the_queue_is_full_still_reaches_the_reader() {
        LoggedEvent event = new LoggedEvent(new LogPosition(1), Event.getDefaultInstance());
        int[] produced = {0};
        EventReader failing = () -> {
            if (produced[0]++ < 16 * 4096) {
                return Optional.of(event);
            }
            throw new IllegalStateException("disk gone");
        };
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            try (ReadAheadReader reader = new ReadAheadReader("failing", () -> failing)) {
                Thread.sleep(500); // the read-ahead fills all 16 slots, then fails
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    while (reader.next().isPresent()) {
                        // drain
                    }
                }).hasMessageContaining("disk gone");
            }
        });
    }
}
