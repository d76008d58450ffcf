package com.satrank.pipeline;

import com.satrank.log.LogStream;
import com.satrank.log.LoggedEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads several logs as one sequence ordered by (event time, stream order, position). A stream
 * that has caught up does not hold the others back: every process stamps events from the same
 * host clock when appending, so anything appended to it later carries a time no earlier than what
 * has already been read elsewhere. Appenders read the clock a moment before they write, so an
 * event is only released once it is {@code holdBack} older than the reading clock: a writer that
 * is mid-append cannot slip an earlier event behind one already processed. A live run and a replay
 * from index 0 therefore see one order; the hold-back only decides when, never what.
 */
final class MergedTailer {
    /** One event with the stream it came from. */
    record Next(LogStream stream, LoggedEvent logged) {
    }

    private final Map<LogStream, com.satrank.log.EventReader> tailers = new EnumMap<>(LogStream.class);
    private final Map<LogStream, LoggedEvent> heads = new EnumMap<>(LogStream.class);
    private final java.time.InstantSource clock;
    private final long holdBackMs;

    MergedTailer(java.time.InstantSource clock, java.time.Duration holdBack) {
        this.clock = clock;
        this.holdBackMs = holdBack.toMillis();
    }

    void add(LogStream stream, com.satrank.log.EventReader tailer) {
        tailers.put(stream, tailer);
    }

    /**
     * The next event in merged order, left in place until {@link #consume} is called, so a caller
     * whose work on it fails (a pass that could not be written) sees the same event again.
     */
    Optional<Next> peek() {
        Next best = null;
        for (var entry : tailers.entrySet()) {
            LoggedEvent head = heads.get(entry.getKey());
            if (head == null) {
                head = entry.getValue().next().orElse(null);
                if (head == null) {
                    continue;
                }
                heads.put(entry.getKey(), head);
            }
            if (best == null || head.event().getEventTimeMs() < best.logged().event().getEventTimeMs()) {
                best = new Next(entry.getKey(), head);
            }
        }
        if (best == null || best.logged().event().getEventTimeMs() > clock.millis() - holdBackMs) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** Moves past the event {@link #peek} returned. */
    void consume(Next next) {
        heads.remove(next.stream());
    }
}
