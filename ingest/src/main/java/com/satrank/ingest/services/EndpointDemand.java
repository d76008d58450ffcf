package com.satrank.ingest.services;

import com.satrank.log.ChronicleEventLog;
import com.satrank.log.LogPosition;
import com.satrank.log.LoggedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When agents last asked about each endpoint: the {@code EndpointQueried} events of the queries
 * log, read up to its end on each refresh (event time). The prober's tiers are cut from it.
 */
public final class EndpointDemand {
    private final ChronicleEventLog queries;
    private final Map<String, Long> lastAskedMs = new HashMap<>();
    private ChronicleEventLog.Tailer tailer;

    public EndpointDemand(ChronicleEventLog queries) {
        this.queries = queries;
    }

    /** Reads what was appended since the last refresh; call from the prober's thread. */
    public synchronized void refresh() {
        if (tailer == null) {
            tailer = queries.tailer().seekAfter(LogPosition.BEFORE_START);
        }
        Optional<LoggedEvent> next;
        while ((next = tailer.next()).isPresent()) {
            var event = next.get().event();
            if (event.hasEndpointQueried()) {
                lastAskedMs.merge(event.getEndpointQueried().getUrlHash(), event.getEventTimeMs(), Math::max);
            }
        }
    }

    public synchronized OptionalLong lastAsked(String urlHash) {
        Long at = lastAskedMs.get(urlHash);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }
}
