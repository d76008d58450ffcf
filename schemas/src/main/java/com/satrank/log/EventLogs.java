package com.satrank.log;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;

/**
 * The logs of one data directory, each opened once per process and shared by its parts; closing
 * closes each log (its tailers and appender first, then its queue).
 */
public final class EventLogs implements AutoCloseable {
    private final Map<LogStream, ChronicleEventLog> logs = new EnumMap<>(LogStream.class);

    private EventLogs() {
    }

    /** Opens every stream under {@code dataDir}. */
    public static EventLogs open(Path dataDir, InstantSource clock) {
        EventLogs opened = new EventLogs();
        try {
            for (LogStream stream : LogStream.values()) {
                opened.logs.put(stream, ChronicleEventLog.open(dataDir, stream, clock));
            }
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    public ChronicleEventLog get(LogStream stream) {
        return logs.get(stream);
    }

    public ChronicleEventLog graph() {
        return get(LogStream.GRAPH);
    }

    public ChronicleEventLog probes() {
        return get(LogStream.PROBES);
    }

    public ChronicleEventLog reports() {
        return get(LogStream.REPORTS);
    }

    public ChronicleEventLog queries() {
        return get(LogStream.QUERIES);
    }

    public ChronicleEventLog services() {
        return get(LogStream.SERVICES);
    }

    public ChronicleEventLog endpoints() {
        return get(LogStream.ENDPOINTS);
    }

    @Override
    public void close() {
        logs.values().forEach(ChronicleEventLog::close);
    }
}
