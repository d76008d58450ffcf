-- L402 billing, owned by serving (replays never touch these tables). Balances are integer credits:
-- one credit buys one request of a 1-sat route. A challenge token holds what its invoice paid;
-- a deposit token holds amount ÷ tier rate, which is an integer for every tier (rates 1, 1/2,
-- 1/5, 1/10, 1/20 sat per request).
CREATE TABLE l402_tokens (
    payment_hash     CHAR(64) PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('challenge', 'deposit')),
    balance_credits  BIGINT NOT NULL CHECK (balance_credits >= 0),
    max_credits      BIGINT NOT NULL CHECK (max_credits >= 0),
    tier_id          SMALLINT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Deposit invoices this service issued (phase 1); only these can be redeemed (phase 2).
CREATE TABLE l402_deposit_invoices (
    payment_hash  CHAR(64) PRIMARY KEY,
    amount_sats   BIGINT NOT NULL CHECK (amount_sats > 0),
    tier_id       SMALLINT NOT NULL,
    credits       BIGINT NOT NULL CHECK (credits > 0),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Which targets a token paid to ask about: such a token may report on them.
CREATE TABLE l402_token_targets (
    payment_hash  CHAR(64) NOT NULL,
    node_id       CHAR(64) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (payment_hash, node_id)
);
