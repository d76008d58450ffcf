package com.satrank.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.events.v1.NodeQueried;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
}
