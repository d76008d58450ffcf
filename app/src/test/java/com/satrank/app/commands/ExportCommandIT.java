package com.satrank.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.ProbeCompleted;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.EventAppender;
import com.satrank.log.LogStream;
import com.satrank.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export on a real probes log: self-describing JSON lines, CSV with named columns, time ranges. */
class ExportCommandIT {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private static void writeProbes(Path dir) {
        MutableClock clock = new MutableClock(T0);
        try (ChronicleEventLog log = ChronicleEventLog.open(dir, LogStream.PROBES, clock)) {
            EventAppender appender = log.appender("prober", new byte[] {2, 1});
            for (int i = 0; i < 3; i++) {
                byte[] pk = new byte[33];
                pk[0] = 3;
                pk[32] = (byte) i;
                appender.append(Event.newBuilder().setProbeCompleted(ProbeCompleted.newBuilder()
                        .setTargetPubkey(ByteString.copyFrom(pk)).setAmountSat(1000)
                        .setMethod(ProbeCompleted.Method.PAYMENT_PROBE)
                        .setOutcome(i == 1 ? ProbeCompleted.Outcome.FAILURE : ProbeCompleted.Outcome.SUCCESS)
                        .setHops(3).setLatencyMs(250 + i)));
                clock.advance(Duration.ofHours(1));
            }
        }
    }

    private static String export(Path dir, String stream, String format, String from, String to) throws Exception {
        Map<String, Object> args = new HashMap<>();
        args.put("stream", stream);
        args.put("data_dir", dir.toString());
        args.put("format", format);
        args.put("from", from);
        args.put("to", to);
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new ExportCommand().run(null, new Namespace(args));
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void json_lines_describe_themselves_and_the_range_is_from_inclusive_to_exclusive(@TempDir Path dir) throws Exception {
        writeProbes(dir);
        List<String> lines = export(dir, "probes", "jsonl", null, null).lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("type").asText()).isEqualTo("ProbeCompleted");
        assertThat(first.get("event_time").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(first.get("schema_version").asInt()).isEqualTo(1);
        assertThat(first.get("source_process").asText()).isEqualTo("prober");
        assertThat(first.at("/payload/target_pubkey").asText()).isEqualTo("03" + "00".repeat(31) + "00");
        assertThat(first.at("/payload/method").asText()).isEqualTo("PAYMENT_PROBE");
        assertThat(first.at("/payload/failure_code").asInt()).as("defaults are present").isZero();

        List<String> middle = export(dir, "probes", "jsonl", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z")
                .lines().toList();
        assertThat(middle).hasSize(1);
        assertThat(new ObjectMapper().readTree(middle.get(0)).at("/payload/outcome").asText()).isEqualTo("FAILURE");
    }

    @Test
    void csv_has_a_header_and_one_row_per_event(@TempDir Path dir) throws Exception {
        writeProbes(dir);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(export(dir, "probes", "csv", null, null))).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("latency_ms")).isEqualTo("252");
        assertThat(rows.get(2).get("type")).isEqualTo("ProbeCompleted");
        assertThat(rows.get(1).get("outcome")).isEqualTo("FAILURE");
    }

    @Test
    void bad_input_is_a_clear_error(@TempDir Path dir) {
        assertThatThrownBy(() -> export(dir, "reports", "jsonl", null, null))
                .hasMessageContaining("no reports log");
        writeProbes(dir);
        assertThatThrownBy(() -> export(dir, "probes", "jsonl", "yesterday", null))
                .hasMessageContaining("--from must be an ISO-8601 instant");
    }

    @Test
    void queue_info_counts_events_by_type_with_their_index_and_time_range(@TempDir Path dir) throws Exception {
        writeProbes(dir);
        QueueInfoCommand.Inventory probes = QueueInfoCommand.inventory(dir, LogStream.PROBES);
        assertThat(probes.events()).isEqualTo(3);
        assertThat(probes.byType()).containsExactly(Map.entry("ProbeCompleted", 3L));
        assertThat(probes.firstTime()).isEqualTo(T0);
        assertThat(probes.lastTime()).isEqualTo(T0.plus(Duration.ofHours(2)));
        assertThat(probes.lastIndex()).isGreaterThan(probes.firstIndex());
        assertThat(probes.cycles()).containsExactly("20261101F.cq4");
        assertThat(probes.bytesOnDisk()).isPositive();
    }
}
