package com.satrank.app.config;

/**
 * What a process runs besides its HTTP port (health and /metrics everywhere). In production each
 * runs separately; the demo runs them all, plus lnd-sim, in one JVM.
 */
public enum ProcessMode {
    SERVER(true, false, false, false),
    INGEST(false, true, false, false),
    PIPELINE(false, false, true, false),
    /** Publishes trust assertions from the tables to Nostr relays (config {@code nostr}). */
    PUBLISHER(false, false, false, false),
    DEMO(true, true, true, true);

    private final boolean api;
    private final boolean ingest;
    private final boolean pipeline;
    private final boolean sim;

    ProcessMode(boolean api, boolean ingest, boolean pipeline, boolean sim) {
        this.api = api;
        this.ingest = ingest;
        this.pipeline = pipeline;
        this.sim = sim;
    }

    public boolean api() {
        return api;
    }

    public boolean ingest() {
        return ingest;
    }

    public boolean pipeline() {
        return pipeline;
    }

    public boolean sim() {
        return sim;
    }

    /** Whether the Nostr publisher runs here (when {@code nostr.publish} is on and relays are set). */
    public boolean nostr() {
        return this == PUBLISHER || this == DEMO;
    }

    /** Ingest alone only talks to LND and the log; it must keep running while Postgres is down. */
    public boolean database() {
        return api || pipeline || this == PUBLISHER;
    }
}
