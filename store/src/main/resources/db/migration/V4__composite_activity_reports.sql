-- Composite 0–100 with its components, recent activity, risk profile and reachability per node;
-- betweenness beside PageRank; score in the daily history; 24 h counts in the stats; accepted
-- reports keyed by their log index (so a replay writes the same rows). Additive only.
ALTER TABLE nodes
    ADD COLUMN betweenness            DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN betweenness_percentile DOUBLE PRECISION NOT NULL DEFAULT 0;

ALTER TABLE node_scores
    ADD COLUMN score            DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN volume           SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN reputation       SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN seniority        SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN regularity       SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN diversity        SMALLINT NOT NULL DEFAULT 0,
    ADD COLUMN centrality       SMALLINT,
    ADD COLUMN peer_trust       SMALLINT,
    ADD COLUMN routing_quality  SMALLINT NOT NULL DEFAULT 50,
    ADD COLUMN capacity_trend   SMALLINT NOT NULL DEFAULT 50,
    ADD COLUMN fee_stability    SMALLINT NOT NULL DEFAULT 50,
    ADD COLUMN activity_24h     BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN activity_7d      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN activity_30d     BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN risk_profile     TEXT NOT NULL DEFAULT 'unknown'
        CHECK (risk_profile IN ('low', 'medium', 'high', 'unknown')),
    ADD COLUMN reachability     DOUBLE PRECISION;

CREATE INDEX node_scores_by_score ON node_scores (score DESC);

ALTER TABLE node_score_history ADD COLUMN score DOUBLE PRECISION NOT NULL DEFAULT 0;

ALTER TABLE network_stats
    ADD COLUMN probes_24h  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN reports_24h BIGINT NOT NULL DEFAULT 0;

CREATE TABLE reports (
    log_index      BIGINT PRIMARY KEY,
    event_time_ms  BIGINT NOT NULL,
    reporter       TEXT NOT NULL,
    node_id        CHAR(64) NOT NULL,
    outcome        TEXT NOT NULL,
    proven         BOOLEAN NOT NULL
);

CREATE INDEX reports_by_time ON reports (event_time_ms);
