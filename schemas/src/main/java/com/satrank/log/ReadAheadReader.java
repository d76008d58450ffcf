package com.satrank.log;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and decodes a whole log from its start on a thread of its own, in batches, so the reader
 * that folds the events gets them already decoded (a replay's fold and decoding then use both
 * cores). For a one-off read to the end: once it has caught up with the end it stays there, and
 * events appended later are not seen. The Chronicle tailer lives and dies on the read-ahead thread.
 */
public final class ReadAheadReader implements EventReader, AutoCloseable {
    private static final int BATCH = 4096;
    private static final List<LoggedEvent> END = List.of();

    private final BlockingQueue<List<LoggedEvent>> batches = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile RuntimeException failure;
    private Iterator<LoggedEvent> current = END.iterator();
    private boolean ended;

    public ReadAheadReader(ChronicleEventLog log) {
        this(log.stream().dirName(), () -> log.tailer().seekAfter(LogPosition.BEFORE_START));
    }

    /** Reads what {@code source} opens (on the read-ahead thread, which also closes it). */
    ReadAheadReader(String name, java.util.function.Supplier<? extends EventReader> source) {
        thread = new Thread(() -> readAll(source), "read-ahead-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(java.util.function.Supplier<? extends EventReader> source) {
        EventReader tailer = null;
        try {
            tailer = source.get();
            while (true) {
                List<LoggedEvent> batch = new ArrayList<>(BATCH);
                Optional<LoggedEvent> next;
                while (batch.size() < BATCH && (next = tailer.next()).isPresent()) {
                    batch.add(next.get());
                }
                if (!batch.isEmpty()) {
                    batches.put(batch);
                }
                if (batch.size() < BATCH) {
                    batches.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            // the reader must learn of the failure even when the queue is full: what is queued is
            // worthless once the read failed, so it makes room for the end marker
            batches.clear();
            batches.offer(END);
        } finally {
            if (tailer instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing a tailer that failed: nothing more to lose
                }
            }
        }
    }

    @Override
    public Optional<LoggedEvent> next() {
        while (!current.hasNext()) {
            if (ended) {
                return Optional.empty();
            }
            List<LoggedEvent> batch;
            try {
                batch = batches.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (batch == END) {
                ended = true;
                if (failure != null) {
                    throw failure;
                }
            }
            current = batch.iterator();
        }
        return Optional.of(current.next());
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
