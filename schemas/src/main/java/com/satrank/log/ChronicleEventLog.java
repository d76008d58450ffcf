package com.satrank.log;

import com.google.protobuf.InvalidProtocolBufferException;
import com.satrank.events.v1.Event;
import com.satrank.events.v1.Source;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One stream's Chronicle queue, holding protobuf-encoded {@link Event}s, one per document, with
 * daily roll cycles. The only class that touches Chronicle: everything else sees
 * {@link EventAppender} and {@link Tailer}. Roll cycles follow the injected clock, as event times do.
 *
 * <p>It is the queue's one runner: it opens every tailer and the single appender, and
 * {@link #close} closes them before the queue, so nothing is left holding a closed queue's files.
 * Writers share one Chronicle appender under a lock instead of one per thread: a request thread
 * pool would otherwise leave an appender behind on every worker.
 */
public final class ChronicleEventLog implements Closeable {
    public static final int SCHEMA_VERSION = 1;

    private final ChronicleQueue queue;
    private final InstantSource clock;
    private final LogStream stream;
    private final AtomicLong bytesAppended = new AtomicLong();
    private final AtomicLong eventsAppended = new AtomicLong();
    private final Object appendLock = new Object();
    private final java.util.Set<Tailer> openTailers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Created on the first append; guarded by {@link #appendLock}. */
    private ExcerptAppender appender;
    private boolean closed;

    private ChronicleEventLog(ChronicleQueue queue, InstantSource clock, LogStream stream) {
        this.queue = queue;
        this.clock = clock;
        this.stream = stream;
    }

    private final java.util.concurrent.atomic.AtomicLong undecodableTotal = new java.util.concurrent.atomic.AtomicLong();

    public static ChronicleEventLog open(Path dataDir, LogStream stream, InstantSource clock) {
        ChronicleQueue queue = SingleChronicleQueueBuilder.single(dataDir.resolve(stream.dirName()).toFile())
                .rollCycle(RollCycles.FAST_DAILY)
                .timeProvider(clock::millis)
                .build();
        return new ChronicleEventLog(queue, clock, stream);
    }

    public LogStream stream() {
        return stream;
    }

    /** An appender for one writer; it is safe to share, appends are serialised. */
    public EventAppender appender(String process, byte[] lndPubkey) {
        byte[] fixed = lndPubkey == null ? new byte[0] : lndPubkey.clone();
        return appenderFor(process, () -> fixed);
    }

    /**
     * An appender whose events name the LND node {@code lndPubkey} gives at each append (empty bytes
     * while unknown): a process that started while LND was away stamps its identity once it is known.
     */
    public EventAppender appenderFor(String process, java.util.function.Supplier<byte[]> lndPubkey) {
        return new StampingAppender(process, lndPubkey);
    }

    /** Reads the log from its start to its current end, in order, on this thread (start-up folds, tools). */
    public void forEachEvent(java.util.function.Consumer<LoggedEvent> action) {
        try (Tailer tailer = tailer().seekAfter(LogPosition.BEFORE_START)) {
            for (var e = tailer.next(); e.isPresent(); e = tailer.next()) {
                action.accept(e.get());
            }
        }
    }

    /** A tailer for one reading thread; closed by its reader, or by {@link #close} at the latest. */
    public Tailer tailer() {
        ExcerptTailer excerpts = queue.createTailer();
        // closed on the stopping thread when its reader has not closed it
        excerpts.singleThreadedCheckDisabled(true);
        Tailer tailer = new Tailer(excerpts);
        openTailers.add(tailer);
        return tailer;
    }

    /** Index of the last document, or {@link LogPosition#BEFORE_START} for an empty log. */
    public LogPosition lastPosition() {
        long last = queue.lastIndex();
        return last < 0 ? LogPosition.BEFORE_START : new LogPosition(last);
    }

    /**
     * The last event (in log order) whose event time is at most {@code maxEventTimeMs}, found by
     * reading back from the end over at most {@code maxScanned} events; empty if there is none in
     * that reach.
     */
    public Optional<LoggedEvent> lastAtOrBefore(long maxEventTimeMs, long maxScanned) {
        try (ExcerptTailer back = queue.createTailer().direction(net.openhft.chronicle.queue.TailerDirection.BACKWARD)
                .toEnd()) {
            for (long scanned = 0; scanned < maxScanned; scanned++) {
                try (DocumentContext dc = back.readingDocument()) {
                    if (!dc.isPresent()) {
                        return Optional.empty();
                    }
                    Optional<Event> event = decode(dc.wire().bytes());
                    if (event.isPresent() && event.get().getEventTimeMs() <= maxEventTimeMs) {
                        return Optional.of(new LoggedEvent(new LogPosition(dc.index()), event.get()));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<Event> decode(Bytes<?> bytes) {
        byte[] encoded = new byte[(int) bytes.readRemaining()];
        bytes.read(encoded);
        try {
            return Optional.of(Event.parseFrom(encoded));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    /** The roll cycle (UTC day since the epoch; one file per day) an index belongs to. */
    public int cycleOf(LogPosition position) {
        return queue.rollCycle().toCycle(position.index());
    }

    /** Events after {@code position} up to the end of the log: how far a reader is behind. */
    public long eventsAfter(LogPosition position) {
        long last = queue.lastIndex();
        if (last < 0) {
            return 0;
        }
        long from = position.index() < 0 ? queue.firstIndex() : position.index();
        if (from > last) {
            return 0;
        }
        long count = ((net.openhft.chronicle.queue.impl.single.SingleChronicleQueue) queue).countExcerpts(from, last);
        return position.index() < 0 ? count + 1 : count;
    }

    public long bytesAppended() {
        return bytesAppended.get();
    }

    /** Documents any reader of this log skipped as undecodable, since it was opened. */
    public long undecodableEvents() {
        return undecodableTotal.get();
    }

    public long eventsAppended() {
        return eventsAppended.get();
    }

    /** Closes the tailers still open, then the appender, then the queue; appends after this fail. */
    @Override
    public void close() {
        openTailers.forEach(Tailer::close);
        synchronized (appendLock) {
            closed = true;
            if (appender != null) {
                appender.close();
                appender = null;
            }
        }
        queue.close();
    }

    private final class StampingAppender implements EventAppender {
        private final String process;
        private final java.util.function.Supplier<byte[]> lndPubkey;
        private volatile Source source;
        private volatile byte[] sourceKey;

        StampingAppender(String process, java.util.function.Supplier<byte[]> lndPubkey) {
            this.process = process;
            this.lndPubkey = lndPubkey;
        }

        /**
         * The source stamp, rebuilt only when the node's identity changed (it is asked outside the
         * log's lock). On the append path: comparing the key costs no allocation.
         */
        private Source source() {
            byte[] key = lndPubkey.get();
            if (key == null) {
                key = new byte[0];
            }
            Source current = source;
            if (current == null || !java.util.Arrays.equals(key, sourceKey)) {
                current = Source.newBuilder().setProcess(process)
                        .setLndPubkey(com.google.protobuf.ByteString.copyFrom(key)).build();
                sourceKey = key.clone();
                source = current;
            }
            return current;
        }

        @Override
        public LogPosition append(Event.Builder event) {
            Source source = source();
            long index;
            int length;
            synchronized (appendLock) {
                if (closed) {
                    throw new IllegalStateException("the " + stream.dirName() + " log is closed");
                }
                if (appender == null) {
                    appender = queue.createAppender();
                    // one appender for every writing thread, serialised by appendLock
                    appender.singleThreadedCheckDisabled(true);
                }
                // the clock is read under the lock, so event times never go backwards within a stream
                byte[] encoded = event.setSchemaVersion(SCHEMA_VERSION)
                        .setEventTimeMs(clock.millis())
                        .setSource(source)
                        .build()
                        .toByteArray();
                try (DocumentContext dc = appender.writingDocument()) {
                    dc.wire().bytes().write(encoded);
                    index = dc.index();
                }
                length = encoded.length;
            }
            bytesAppended.addAndGet(length);
            eventsAppended.incrementAndGet();
            return new LogPosition(index);
        }
    }

    /** Reads forward from a position; one per reading thread. */
    public final class Tailer implements Closeable, EventReader {
        private final ExcerptTailer tailer;
        private long undecodable;

        Tailer(ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /** Positions the tailer on the first event after {@code position}. */
        public Tailer seekAfter(LogPosition position) {
            if (position.index() < 0) {
                tailer.toStart();
            } else if (tailer.moveToIndex(position.index())) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    // consume the checkpointed event itself
                }
            } else {
                throw new IllegalStateException("position " + position.index() + " is not in the "
                        + stream.dirName() + " log (archived or from another log?)");
            }
            return this;
        }

        /** The next event, or empty when the tailer has caught up. */
        public Optional<LoggedEvent> next() {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return Optional.empty();
                    }
                    Optional<Event> event = decode(dc.wire().bytes());
                    if (event.isPresent()) {
                        return Optional.of(new LoggedEvent(new LogPosition(dc.index()), event.get()));
                    }
                    undecodable++;
                    undecodableTotal.incrementAndGet();
                }
            }
        }

        public long undecodableCount() {
            return undecodable;
        }

        @Override
        public void close() {
            openTailers.remove(this);
            tailer.close();
        }
    }
}
