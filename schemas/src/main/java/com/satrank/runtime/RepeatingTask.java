package com.satrank.runtime;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a step again and again on its own daemon thread until closed; each step returns how long
 * to wait before the next, so callers choose their own cadence and backoff. A step must handle its
 * own failures: an exception escaping it is a bug and ends the loop loudly.
 */
public final class RepeatingTask implements AutoCloseable {
    private final String name;
    private final Supplier<Duration> step;
    private volatile boolean running;
    private Thread thread;

    public RepeatingTask(String name, Supplier<Duration> step) {
        this.name = name;
        this.step = step;
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

    private void loop() {
        while (running) {
            Duration wait = step.get();
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
