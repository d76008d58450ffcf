-- Issue 15: p_success for any amount. Each node's reliability posterior (the chance a small
-- payment succeeds) and its largest enabled channel; the liquidity curve L(amount / channel) the
-- pass learned from every probe tier. p(a) = reliability · L(a / max_channel_sat).
-- max_channel_sat = -1 marks a row written before this model: it answers for the base amount only
-- until the pipeline rewrites it (0 is a real answer: no enabled channel, nothing can be carried).
ALTER TABLE node_scores
    ADD COLUMN reliability DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN reliability_ci95_low DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN reliability_ci95_high DOUBLE PRECISION NOT NULL DEFAULT 1,
    ADD COLUMN max_channel_sat BIGINT NOT NULL DEFAULT -1,
    ADD COLUMN other_sources_agreeing SMALLINT NOT NULL DEFAULT 0;

CREATE TABLE liquidity_curve (
    bin SMALLINT PRIMARY KEY,
    log10_ratio_centre DOUBLE PRECISION NOT NULL,
    liquidity DOUBLE PRECISION NOT NULL CHECK (liquidity >= 0 AND liquidity <= 1)
);
