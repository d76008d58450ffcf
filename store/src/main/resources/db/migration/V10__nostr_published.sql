-- What the Nostr publisher last published per addressable assertion (kind, d tag), so a restart
-- republishes only what changed meaningfully (verdict, |Δp| ≥ 0.05, n_obs growth ≥ 20 %).
CREATE TABLE nostr_published (
    kind            integer          NOT NULL,
    d               text             NOT NULL,
    event_id        char(64)         NOT NULL,
    verdict         text             NOT NULL,
    p               double precision NOT NULL,
    n_obs           double precision NOT NULL,
    published_at_ms bigint           NOT NULL,
    relays          text             NOT NULL,
    PRIMARY KEY (kind, d)
);
