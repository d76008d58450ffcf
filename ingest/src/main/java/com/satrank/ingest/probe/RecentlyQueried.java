package com.satrank.ingest.probe;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LoggedEvent;
import com.satrank.model.Pubkey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The nodes agents looked up within the last {@code window}, for the planner to probe first: a
 * fold over the queries log, read up to its end on each call. Event time decides what counts as
 * recent. The tailer is opened on first use, so it lives on the thread that plans probe cycles.
 * A malformed pubkey in the log (a newer writer, a bug) is skipped rather than stopping probes.
 */
public final class RecentlyQueried implements Supplier<Set<Pubkey>> {
    private final ChronicleEventLog log;
    private final InstantSource clock;
    private final long windowMs;
    private final Map<Pubkey, Long> lastQueriedMs = new HashMap<>();
    private ChronicleEventLog.Tailer tailer;

    public RecentlyQueried(ChronicleEventLog log, InstantSource clock, Duration window) {
        this.log = log;
        this.clock = clock;
        this.windowMs = window.toMillis();
    }

    @Override
    public Set<Pubkey> get() {
        if (tailer == null) {
            tailer = log.tailer().seekAfter(LogPosition.BEFORE_START);
        }
        Optional<LoggedEvent> next;
        while ((next = tailer.next()).isPresent()) {
            var event = next.get().event();
            if (event.hasNodeQueried()) {
                record(event.getNodeQueried().getPubkey().toByteArray(), event.getEventTimeMs());
            }
        }
        long oldest = clock.millis() - windowMs;
        lastQueriedMs.values().removeIf(t -> t < oldest);
        return Set.copyOf(lastQueriedMs.keySet());
    }

    private void record(byte[] pubkey, long eventTimeMs) {
        try {
            lastQueriedMs.merge(Pubkey.fromBytes(pubkey), eventTimeMs, Math::max);
        } catch (IllegalArgumentException e) {
            // not a pubkey: nothing to probe
        }
    }
}
