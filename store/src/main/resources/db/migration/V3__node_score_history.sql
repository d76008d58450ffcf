-- One row per node and UTC day (event time): the state at the day's first scoring pass.
CREATE TABLE node_score_history (
    node_id              CHAR(64) NOT NULL,
    day                  DATE NOT NULL,
    p_success            DOUBLE PRECISION NOT NULL,
    ci95_low             DOUBLE PRECISION NOT NULL,
    ci95_high            DOUBLE PRECISION NOT NULL,
    n_obs                DOUBLE PRECISION NOT NULL,
    verdict              TEXT NOT NULL,
    pagerank_percentile  DOUBLE PRECISION NOT NULL,
    as_of_ms             BIGINT NOT NULL,
    PRIMARY KEY (node_id, day)
);
