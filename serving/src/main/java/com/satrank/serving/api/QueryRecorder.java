package com.satrank.serving.api;

import com.google.protobuf.ByteString;
import com.satrank.events.v1.EndpointQueried;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.NodeQueried;
import com.satrank.log.EventAppender;
import com.satrank.model.Pubkey;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Appends a NodeQueried or EndpointQueried event when an agent looks a known node or endpoint up,
 * at most once per target per {@link #MIN_GAP_MS}: the probers only need "recently", and a hot
 * target must not flood the log. The memory of what was appended is dropped wholesale when it
 * grows past {@link #MAX_REMEMBERED}, which at worst appends a few duplicates.
 */
public final class QueryRecorder implements Consumer<Pubkey> {
    static final long MIN_GAP_MS = 60_000;
    static final int MAX_REMEMBERED = 100_000;

    private final EventAppender appender;
    private final InstantSource clock;
    private final ConcurrentHashMap<Object, Long> lastAppendedMs = new ConcurrentHashMap<>();

    public QueryRecorder(EventAppender appender, InstantSource clock) {
        this.appender = appender;
        this.clock = clock;
    }

    @Override
    public void accept(Pubkey pubkey) {
        if (due(pubkey)) {
            appender.append(Event.newBuilder().setNodeQueried(
                    NodeQueried.newBuilder().setPubkey(ByteString.copyFrom(pubkey.toBytes()))));
        }
    }

    /** An agent asked about the endpoint with this url_hash (or was offered it by an intent). */
    public void endpoint(String urlHash) {
        if (due(urlHash)) {
            appender.append(Event.newBuilder().setEndpointQueried(EndpointQueried.newBuilder().setUrlHash(urlHash)));
        }
    }

    private boolean due(Object target) {
        long now = clock.millis();
        Long last = lastAppendedMs.get(target);
        if (last != null && now - last < MIN_GAP_MS) {
            return false;
        }
        if (lastAppendedMs.size() >= MAX_REMEMBERED) {
            lastAppendedMs.clear();
        }
        lastAppendedMs.put(target, now);
        return true;
    }
}
