-- Score tables are written only by the pipeline, always in the same transaction as its checkpoint.
-- Times are unix epoch milliseconds of event time (never wall clock), so a replay rewrites them identically.

CREATE TABLE pipeline_checkpoint (
    stream         TEXT PRIMARY KEY,
    log_index      BIGINT NOT NULL,
    event_time_ms  BIGINT NOT NULL
);

CREATE TABLE nodes (
    node_id               CHAR(64) PRIMARY KEY,
    pubkey                CHAR(66) NOT NULL UNIQUE,
    alias                 TEXT NOT NULL,
    color                 CHAR(7) NOT NULL,
    channel_count         INTEGER NOT NULL,
    active_channel_count  INTEGER NOT NULL,
    capacity_sat          BIGINT NOT NULL,
    peer_count            INTEGER NOT NULL,
    pagerank              DOUBLE PRECISION NOT NULL,
    pagerank_percentile   DOUBLE PRECISION NOT NULL,
    graph_rank            INTEGER NOT NULL,
    stale                 BOOLEAN NOT NULL,
    last_update_s         BIGINT NOT NULL,
    first_seen_ms         BIGINT NOT NULL,
    as_of_ms              BIGINT NOT NULL
);

CREATE INDEX nodes_live_by_rank ON nodes (graph_rank, pubkey) WHERE NOT stale;
CREATE INDEX nodes_by_alias ON nodes (alias);

-- One row: the network as of the last completed graph snapshot.
CREATE TABLE network_stats (
    id              SMALLINT PRIMARY KEY CHECK (id = 1),
    node_count      INTEGER NOT NULL,
    live_node_count INTEGER NOT NULL,
    channel_count   INTEGER NOT NULL,
    capacity_sat    BIGINT NOT NULL,
    snapshot_id     BIGINT NOT NULL,
    graph_digest    TEXT NOT NULL,
    as_of_ms        BIGINT NOT NULL
);
