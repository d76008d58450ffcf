package com.satrank.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.satrank.events.v1.Event;
import com.satrank.events.v1.NodeQueried;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention on a real Chronicle queue: only checkpointed, old days move, and the rest still reads. */
class LogArchiveTest {
    private static final Instant DAY1 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void only_days_before_the_cutoff_and_the_checkpointed_day_move_and_the_log_reads_on_from_what_is_left(
            @TempDir Path dir) {
        Path data = dir.resolve("data");
        List<LogPosition> appended = writeFiveDays(data);
        LogPosition checkpoint = appended.get(3 * 10 + 4); // mid day 4
        LocalDate checkpointDay;
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.PROBES, () -> DAY1)) {
            checkpointDay = LocalDate.ofEpochDay(log.cycleOf(checkpoint));
        }
        assertThat(checkpointDay).isEqualTo(LocalDate.parse("2026-01-04"));

        var plan = LogArchive.plan(data, Map.of(LogStream.PROBES, checkpointDay), LocalDate.parse("2026-01-10"));
        assertThat(plan.moves()).extracting(LogArchive.Move::day).containsExactly(LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-03"));
        var cutoff = LogArchive.plan(data, Map.of(LogStream.PROBES, checkpointDay), LocalDate.parse("2026-01-02"));
        assertThat(cutoff.moves()).extracting(LogArchive.Move::day).containsExactly(LocalDate.parse("2026-01-01"));
        assertThat(LogArchive.plan(data, Map.of(), LocalDate.parse("2026-01-10")).moves())
                .as("nothing checkpointed: nothing moves").isEmpty();

        LogArchive.apply(plan, dir.resolve("archive"));
        assertThat(dir.resolve("archive/probes/20260101F.cq4")).exists();
        assertThat(data.resolve("probes/20260101F.cq4")).doesNotExist();
        assertThat(data.resolve("probes/20260104F.cq4")).exists();

        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.PROBES, () -> DAY1)) {
            List<LoggedEvent> left = new ArrayList<>();
            var tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
            for (var e = tailer.next(); e.isPresent(); e = tailer.next()) {
                left.add(e.get());
            }
            assertThat(left).hasSize(20);
            assertThat(left.get(0).position()).isEqualTo(appended.get(30));
            assertThat(log.tailer().seekAfter(checkpoint).next().orElseThrow().position())
                    .as("the pipeline's checkpoint is still there to resume after").isEqualTo(appended.get(35));
        }
    }

    private static List<LogPosition> writeFiveDays(Path data) {
        long[] now = {DAY1.toEpochMilli()};
        List<LogPosition> positions = new ArrayList<>();
        try (ChronicleEventLog log = ChronicleEventLog.open(data, LogStream.PROBES, () -> Instant.ofEpochMilli(now[0]))) {
            EventAppender appender = log.appender("test", null);
            for (int day = 0; day < 5; day++) {
                for (int i = 0; i < 10; i++) {
                    now[0] = DAY1.toEpochMilli() + day * 86_400_000L + i * 60_000L;
                    positions.add(appender.append(Event.newBuilder().setNodeQueried(NodeQueried.newBuilder())));
                }
            }
        }
        assertThat(Files.exists(data.resolve("probes/20260105F.cq4"))).isTrue();
        return positions;
    }
}
