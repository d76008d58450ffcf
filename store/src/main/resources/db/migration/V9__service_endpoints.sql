-- L402 service discovery: the endpoint catalogue and its five-stage posteriors, written by the
-- pipeline from the services and endpoints logs in the same transaction as the node tables and
-- the checkpoints. Times are event times in unix milliseconds, as in the node tables.
CREATE TABLE service_endpoints (
    url_hash              char(64) PRIMARY KEY,
    url                   text     NOT NULL,
    name                  text     NOT NULL,
    description           text     NOT NULL,
    category              text     NOT NULL,
    provider              text     NOT NULL,
    http_method           text     NOT NULL,
    advertised_price_sats bigint   NOT NULL,
    price_sats            bigint,
    payee_pubkey          text,
    sources               text[]   NOT NULL,
    discovery_outcome     text     NOT NULL,
    deprecated            boolean  NOT NULL,
    deprecated_reason     text,
    first_listed_ms       bigint   NOT NULL,
    last_http_status      integer,
    last_latency_ms       integer,
    last_checked_ms       bigint,
    check_count           bigint   NOT NULL,
    success_count         bigint   NOT NULL,
    uptime_7d             double precision,
    median_latency_7d_ms  integer,
    p_e2e                 double precision NOT NULL,
    p_e2e_pessimistic     double precision NOT NULL,
    p_e2e_optimistic      double precision NOT NULL,
    meaningful_stages     integer  NOT NULL,
    paid_probes           bigint   NOT NULL,
    sats_spent            bigint   NOT NULL
);
CREATE INDEX service_endpoints_category ON service_endpoints (category);

CREATE TABLE endpoint_stage_posteriors (
    url_hash      char(64) NOT NULL,
    stage         smallint NOT NULL CHECK (stage BETWEEN 1 AND 5),
    alpha         double precision NOT NULL,
    beta          double precision NOT NULL,
    p_success     double precision NOT NULL,
    ci95_low      double precision NOT NULL,
    ci95_high     double precision NOT NULL,
    n_obs         double precision NOT NULL,
    observations  bigint   NOT NULL,
    last_outcome  text     NOT NULL,
    last_updated_ms bigint,
    PRIMARY KEY (url_hash, stage)
);
