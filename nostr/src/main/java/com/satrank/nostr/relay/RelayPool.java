package com.satrank.nostr.relay;

import com.satrank.nostr.NostrEvent;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relays SatRank publishes to. Each relay has its own thread and connection, so one that is down
 * or slow never holds up the others; a relay that failed is left alone for a backoff that doubles from
 * 5 s to 10 min and resets on success. {@link #publish} returns the relays that accepted the events.
 */
public final class RelayPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayPool.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final Map<URI, Relay> relays = new LinkedHashMap<>();
    private final InstantSource clock;
    private final Duration timeout;

    private static final class Relay {
        final URI uri;
        final ExecutorService thread;
        RelayConnection connection;
        long retryAtMs;
        Duration backoff = Duration.ZERO;

        Relay(URI uri) {
            this.uri = uri;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "relay " + uri.getHost());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** @param timeout connect and per-event acknowledgement timeout */
    public RelayPool(List<String> urls, Duration timeout, InstantSource clock) {
        for (String url : urls) {
            URI uri = URI.create(url);
            if (!"wss".equals(uri.getScheme()) && !"ws".equals(uri.getScheme())) {
                throw new IllegalArgumentException("a relay URL is ws:// or wss://, got " + url);
            }
            relays.put(uri, new Relay(uri));
        }
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Sends every event to every relay not backing off; per event, the relays that accepted it. */
    public Map<String, List<String>> publish(List<NostrEvent> events) {
        Map<URI, Future<List<String>>> running = new LinkedHashMap<>();
        for (Relay relay : relays.values()) {
            if (clock.millis() < relay.retryAtMs) {
                continue;
            }
            running.put(relay.uri, relay.thread.submit(() -> publishTo(relay, events)));
        }
        Map<String, List<String>> acceptedBy = new LinkedHashMap<>();
        events.forEach(e -> acceptedBy.put(e.id(), new ArrayList<>()));
        for (var entry : running.entrySet()) {
            try {
                for (String id : entry.getValue().get()) {
                    acceptedBy.get(id).add(entry.getKey().toString());
                }
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("relay {}: {}", entry.getKey(), e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acceptedBy;
    }

    private List<String> publishTo(Relay relay, List<NostrEvent> events) throws InterruptedException {
        List<String> accepted = new ArrayList<>();
        try {
            if (relay.connection == null || !relay.connection.isOpen()) {
                relay.connection = RelayConnection.open(relay.uri, timeout);
            }
            for (NostrEvent event : events) {
                RelayConnection.Ack ack = relay.connection.publish(event, timeout);
                if (ack.accepted() || ack.message().startsWith("duplicate")) {
                    accepted.add(event.id());
                } else {
                    LOG.warn("relay {} refused {}: {}", relay.uri, event.id(), ack.message());
                }
            }
            relay.backoff = Duration.ZERO;
            relay.retryAtMs = 0;
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            relay.backoff = relay.backoff.isZero() ? FIRST_BACKOFF
                    : relay.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : relay.backoff.multipliedBy(2);
            relay.retryAtMs = clock.millis() + relay.backoff.toMillis();
            if (relay.connection != null) {
                relay.connection.close();
                relay.connection = null;
            }
            LOG.warn("relay {} failed ({}); next try in {} s", relay.uri, e.getMessage(), relay.backoff.toSeconds());
        }
        return accepted;
    }

    /** Whether a relay is in backoff now (for health and tests). */
    public boolean backingOff(String url) {
        Relay relay = relays.get(URI.create(url));
        return relay != null && clock.millis() < relay.retryAtMs;
    }

    @Override
    public void close() {
        for (Relay relay : relays.values()) {
            relay.thread.shutdownNow();
            if (relay.connection != null) {
                relay.connection.close();
            }
        }
    }
}
