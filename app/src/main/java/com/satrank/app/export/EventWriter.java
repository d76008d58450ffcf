package com.satrank.app.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.events.v1.Event;
import com.satrank.log.LoggedEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@link EventRecord}s as JSON lines or CSV. CSV columns are the common ones followed by the
 * fields of every payload type the stream can hold (first type's fields first); a field a row's type
 * lacks is empty, and nested messages or lists are JSON text in their cell.
 */
public interface EventWriter extends AutoCloseable {
    void write(LoggedEvent event) throws IOException;

    @Override
    void close() throws IOException;

    static EventWriter jsonl(Writer out) {
        ObjectMapper json = new ObjectMapper();
        return new EventWriter() {
            @Override
            public void write(LoggedEvent event) throws IOException {
                out.write(json.writeValueAsString(EventRecord.of(event)));
                out.write('\n');
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /** @param payloadTypes example payloads of each type the stream can hold, for the columns */
    static EventWriter csv(Writer out, List<Event> payloadTypes) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> payloadColumns = new ArrayList<>();
        for (Event example : payloadTypes) {
            for (String name : EventRecord.payload(example).keySet()) {
                if (!payloadColumns.contains(name)) {
                    payloadColumns.add(name);
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("index", "event_time_ms", "event_time", "schema_version", "type",
                "source_process", "source_lnd_pubkey"));
        header.addAll(payloadColumns);
        CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
                .build());
        return new EventWriter() {
            @Override
            public void write(LoggedEvent event) throws IOException {
                Map<String, Object> record = EventRecord.of(event);
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) record.get("payload");
                List<Object> row = new ArrayList<>();
                for (String column : header.subList(0, 7)) {
                    row.add(record.get(column));
                }
                for (String column : payloadColumns) {
                    Object v = payload.get(column);
                    row.add(v instanceof Map || v instanceof List ? json.writeValueAsString(v) : v);
                }
                printer.printRecord(row);
            }

            @Override
            public void close() throws IOException {
                printer.flush();
            }
        };
    }
}
