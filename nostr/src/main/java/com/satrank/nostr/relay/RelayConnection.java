package com.satrank.nostr.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.satrank.nostr.NostrEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One NIP-01 connection to a relay (Java-WebSocket): sends {@code ["EVENT", <event>]} and waits for
 * the relay's {@code ["OK", <id>, <accepted>, <message>]}. Closed on any error; the pool reconnects.
 */
public final class RelayConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The relay's answer to one event. */
    public record Ack(boolean accepted, String message) {
    }

    private final Map<String, CompletableFuture<Ack>> pending = new ConcurrentHashMap<>();
    private final Map<String, java.util.function.Consumer<NostrEvent>> subscriptions = new ConcurrentHashMap<>();
    private final WebSocketClient socket;
    private volatile boolean open;

    private RelayConnection(URI uri) {
        this.socket = new WebSocketClient(uri) {
            @Override
            public void onOpen(ServerHandshake handshake) {
                open = true;
            }

            @Override
            public void onMessage(String message) {
                try {
                    JsonNode frame = JSON.readTree(message);
                    if (frame.isArray() && frame.size() >= 3 && "EVENT".equals(frame.get(0).asText())) {
                        var listener = subscriptions.get(frame.get(1).asText());
                        if (listener != null) {
                            listener.accept(NostrEvent.fromJson(frame.get(2)));
                        }
                        return;
                    }
                    if (frame.isArray() && frame.size() >= 3 && "OK".equals(frame.get(0).asText())) {
                        var waiting = pending.remove(frame.get(1).asText());
                        if (waiting != null) {
                            waiting.complete(new Ack(frame.get(2).asBoolean(), frame.size() > 3 ? frame.get(3).asText() : ""));
                        }
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // a frame we cannot read is not an answer to anything we sent
                }
            }

            @Override
            public void onClose(int code, String reason, boolean remote) {
                open = false;
                pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("relay closed: " + reason)));
            }

            @Override
            public void onError(Exception e) {
                open = false;
            }
        };
    }

    public static RelayConnection open(URI uri, Duration timeout) throws InterruptedException {
        RelayConnection c = new RelayConnection(uri);
        c.socket.setConnectionLostTimeout(30);
        if (!c.socket.connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            c.close();
            throw new IllegalStateException("could not connect to " + uri);
        }
        return c;
    }

    public boolean isOpen() {
        return open && socket.isOpen();
    }

    public Ack publish(NostrEvent event, Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<Ack> answer = new CompletableFuture<>();
        pending.put(event.id(), answer);
        socket.send("[\"EVENT\"," + event.toJson() + "]");
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pending.remove(event.id());
        }
    }

    /** Sends {@code ["REQ", id, filter]}; each event the relay sends for it goes to {@code onEvent}. */
    public void subscribe(String id, String filterJson, java.util.function.Consumer<NostrEvent> onEvent) {
        subscriptions.put(id, onEvent);
        socket.send("[\"REQ\",\"" + id + "\"," + filterJson + "]");
    }

    @Override
    public void close() {
        open = false;
        socket.close();
    }
}
