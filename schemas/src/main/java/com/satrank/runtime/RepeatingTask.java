package com.satrank.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step again and again on its own thread until closed; each step returns how long to wait
 * before the next, so callers choose their own cadence and backoff. A step must handle its own
 * failures: an exception escaping it is a bug and ends the loop loudly.
 *
 * <p>{@link #close} wakes the wait but never interrupts a step: an interrupt in the middle of a
 * Chronicle append or a JDBC call can leave a file channel or connection broken. It then waits for
 * the step in flight to finish, up to a bound, so whoever closes the queues and the database next
 * knows nothing still uses them. Steps that can run long check {@link #stopping()} between units
 * of work.
 */
public final class RepeatingTask implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatingTask.class);
    /** How long close waits for a step in flight. */
    public static final Duration DEFAULT_JOIN = Duration.ofSeconds(30);

    private final String name;
    private final Supplier<Duration> step;
    private final Duration joinBound;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean running;
    private Thread thread;

    public RepeatingTask(String name, Supplier<Duration> step) {
        this(name, step, DEFAULT_JOIN);
    }

    public RepeatingTask(String name, Supplier<Duration> step, Duration joinBound) {
        this.name = name;
        this.step = step;
        this.joinBound = joinBound;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** True once {@link #close} was called: a long step returns early. */
    public boolean stopping() {
        return !running;
    }

    private void loop() {
        while (running) {
            Duration wait = step.get();
            lock.lock();
            try {
                long nanos = wait.toNanos();
                while (running && nanos > 0) {
                    nanos = wake.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Stops the loop and waits (bounded) for the step in flight; idempotent. */
    @Override
    public synchronized void close() {
        running = false;
        if (thread == null) {
            return;
        }
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(joinBound.toNanos()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not finish its step within {}; stopping without it", name, joinBound);
        }
        thread = null;
    }
}
