package com.satrank.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One writer of the score tables at a time: a running pipeline holds this Postgres advisory lock
 * for its whole life (on a connection of its own), and a replay takes it for the moment of its swap.
 * A second pipeline, or a swap under a running pipeline, is refused instead of interleaving writes
 * with a checkpoint that assumes a single writer.
 */
public final class WriterLock implements AutoCloseable {
    /** Arbitrary, fixed: "SATRANK" on a phone keypad. */
    public static final long KEY = 7_287_265L;

    private final Handle handle;

    private WriterLock(Handle handle) {
        this.handle = handle;
    }

    /** @throws IllegalStateException when another process holds the lock */
    public static WriterLock acquire(Jdbi jdbi) {
        Handle handle = jdbi.open();
        boolean got = handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", KEY).mapTo(Boolean.class).one();
        if (!got) {
            handle.close();
            throw new IllegalStateException("another pipeline or a replay swap holds the score tables' writer lock");
        }
        return new WriterLock(handle);
    }

    /** Within the current transaction of {@code handle}: true when no pipeline is running. */
    public static boolean tryInTransaction(Handle handle) {
        return handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)").bind("key", KEY).mapTo(Boolean.class).one();
    }

    @Override
    public void close() {
        handle.close(); // ends the session, which releases the lock
    }
}
