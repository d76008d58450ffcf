package com.satrank.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One writer of the score tables at a time. A running pipeline holds this Postgres advisory lock
 * (on a connection of its own) and the writer epoch it incremented when it took the lock; a replay
 * takes the lock for the moment of its swap and increments the epoch too. A second pipeline, or a
 * swap under a running pipeline, is refused.
 *
 * <p>The advisory lock belongs to a session, and a Postgres restart ends the session without
 * telling anyone: the lock is gone while the pipeline goes on writing through its pool. So every
 * pass checks its epoch inside its own write transaction ({@link #assertHolds}); a writer that took
 * the role meanwhile has moved the epoch on, and the stale pass is refused ({@link FencedOut}) instead
 * of interleaving with it. {@link #renew} takes the lock back after a restart when nobody else did.
 */
public final class WriterLock implements AutoCloseable {
    /** Arbitrary, fixed: "SATRANK" on a phone keypad. */
    public static final long KEY = 7_287_265L;

    private final Jdbi jdbi;
    private final String holder;
    private Handle handle;
    private volatile long epoch;

    /** This process no longer holds the writer role: another writer took it since. */
    public static final class FencedOut extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        FencedOut(String message) {
            super(message);
        }
    }

    private WriterLock(Jdbi jdbi, String holder, Handle handle, long epoch) {
        this.jdbi = jdbi;
        this.holder = holder;
        this.handle = handle;
        this.epoch = epoch;
    }

    /** @throws IllegalStateException when another process holds the lock */
    public static WriterLock acquire(Jdbi jdbi, String holder) {
        Handle handle = jdbi.open();
        try {
            if (!tryLock(handle)) {
                throw new IllegalStateException("another pipeline or a replay swap holds the score tables' writer lock");
            }
            long epoch = handle.inTransaction(h -> bump(h, holder));
            return new WriterLock(jdbi, holder, handle, epoch);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** The writer lock taken by a pipeline process (holder "pipeline"). */
    public static WriterLock acquire(Jdbi jdbi) {
        return acquire(jdbi, "pipeline");
    }

    /**
     * Within the current transaction of {@code handle}: takes the writer role for this transaction
     * (and moves the epoch on, fencing out any writer that lost its lock silently); false when a
     * pipeline holds the lock.
     */
    public static boolean tryInTransaction(Handle handle, String holder) {
        if (!handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)").bind("key", KEY).mapTo(Boolean.class).one()) {
            return false;
        }
        bump(handle, holder);
        return true;
    }

    /** The session-level lock, on {@code handle}'s session. */
    private static boolean tryLock(Handle handle) {
        return handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", KEY).mapTo(Boolean.class).one();
    }

    private static long bump(Handle h, String holder) {
        return h.createQuery("UPDATE writer_epoch SET epoch = epoch + 1, holder = :holder,"
                        + " since_ms = (extract(epoch FROM clock_timestamp()) * 1000)::bigint WHERE id = 1 RETURNING epoch")
                .bind("holder", holder).mapTo(Long.class).one();
    }

    /** The epoch this process took with the lock. */
    public long epoch() {
        return epoch;
    }

    /**
     * In a write transaction: refuses it unless the writer epoch is still ours. The row is read
     * FOR SHARE, so a writer taking the role waits for this transaction, or this one sees its epoch.
     */
    public void assertHolds(Handle transaction) {
        long current = transaction.createQuery("SELECT epoch FROM writer_epoch WHERE id = 1 FOR SHARE")
                .mapTo(Long.class).one();
        if (current != epoch) {
            throw new FencedOut("the score tables' writer role moved on (epoch " + current + ", ours " + epoch
                    + "): another writer took it, so this pass is not written");
        }
    }

    /**
     * Whether the advisory lock is still held by our session; after a Postgres restart it is not,
     * and this takes it back, keeping our epoch if nobody else took the role meanwhile.
     *
     * @return true when we (still, or again) hold the role with the same epoch; false when it is lost
     * @throws FencedOut when another writer took the role
     */
    public synchronized boolean renew() {
        try {
            if (handle.createQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND classid::bigint = 0 AND objid::bigint = :key AND pid = pg_backend_pid() AND granted")
                    .bind("key", KEY).mapTo(Long.class).one() > 0) {
                return true;
            }
        } catch (RuntimeException sessionGone) {
            // the session died with the server: take the lock again on a new one
        }
        closeQuietly(handle);
        handle = jdbi.open();
        if (!tryLock(handle)) {
            throw new FencedOut("another writer holds the score tables' writer lock now");
        }
        long mine = epoch;
        Long next = handle.inTransaction(h -> h.createQuery("UPDATE writer_epoch SET epoch = epoch + 1,"
                        + " since_ms = (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
                        + " WHERE id = 1 AND epoch = :mine RETURNING epoch").bind("mine", mine)
                .mapTo(Long.class).findOne().orElse(null));
        if (next == null) {
            throw new FencedOut("the score tables' writer role moved on while our lock was gone");
        }
        epoch = next;
        return true;
    }

    /** The holder given when the lock was taken. */
    public String holder() {
        return holder;
    }

    @Override
    public synchronized void close() {
        closeQuietly(handle); // ends the session, which releases the lock
    }

    /** A handle whose server went away fails to close; the session is gone either way. */
    private static void closeQuietly(Handle handle) {
        try {
            handle.close();
        } catch (RuntimeException alreadyGone) {
            // nothing left to release
        }
    }
}
