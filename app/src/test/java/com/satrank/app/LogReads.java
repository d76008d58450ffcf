package com.satrank.app;

import com.satrank.events.v1.Event;
import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** Reads a process's logs from the test JVM, from the start, while the process may still append. */
final class LogReads {
    private LogReads() {
    }

    static void forEach(Path data, LogStream stream, Consumer<Event> action) {
        try (ChronicleEventLog log = ChronicleEventLog.open(data, stream, Clock.systemUTC())) {
            log.forEachEvent(logged -> action.accept(logged.event()));
        }
    }

    /** Ids of the graph snapshots that completed. */
    static Set<Long> completedSnapshots(Path data) {
        Set<Long> ids = new HashSet<>();
        forEach(data, LogStream.GRAPH, e -> {
            if (e.hasGraphSnapshotCompleted()) {
                ids.add(e.getGraphSnapshotCompleted().getSnapshotId());
            }
        });
        return ids;
    }
}
