-- Bayesian posterior per node as of the last scoring pass (event time), written with the checkpoints.
CREATE TABLE node_scores (
    node_id           CHAR(64) PRIMARY KEY,
    p_success         DOUBLE PRECISION NOT NULL,
    ci95_low          DOUBLE PRECISION NOT NULL,
    ci95_high         DOUBLE PRECISION NOT NULL,
    n_obs             DOUBLE PRECISION NOT NULL,
    verdict           TEXT NOT NULL CHECK (verdict IN ('SAFE', 'RISKY', 'UNKNOWN', 'INSUFFICIENT')),
    converged         BOOLEAN NOT NULL,
    probe_p_success   DOUBLE PRECISION,
    probe_ci95_low    DOUBLE PRECISION,
    probe_ci95_high   DOUBLE PRECISION,
    probe_n_obs       DOUBLE PRECISION,
    route_p_success   DOUBLE PRECISION,
    route_ci95_low    DOUBLE PRECISION,
    route_ci95_high   DOUBLE PRECISION,
    route_n_obs       DOUBLE PRECISION,
    report_p_success  DOUBLE PRECISION,
    report_ci95_low   DOUBLE PRECISION,
    report_ci95_high  DOUBLE PRECISION,
    report_n_obs      DOUBLE PRECISION,
    last_evidence_ms  BIGINT NOT NULL
);

CREATE INDEX node_scores_by_verdict ON node_scores (verdict);

ALTER TABLE network_stats ADD COLUMN probes_applied BIGINT NOT NULL DEFAULT 0;
