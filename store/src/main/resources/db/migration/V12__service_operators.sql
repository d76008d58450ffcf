-- Self-registration (NIP-98): the operator who claimed an endpoint (x-only Nostr pubkey, hex),
-- from the services log like every other column; and the audit of every registration attempt,
-- written by the API as it answers (accepted or refused).
ALTER TABLE service_endpoints ADD COLUMN operator_id text;

CREATE TABLE service_register_log (
    id        bigserial PRIMARY KEY,
    at_ms     bigint NOT NULL,
    action    text   NOT NULL,   -- register, update, delete
    signer    text,              -- NIP-98 pubkey, null when the signature did not verify
    url       text,
    url_hash  char(64),
    outcome   text   NOT NULL,   -- accepted, or the error code answered
    detail    text   NOT NULL
);
CREATE INDEX service_register_log_url_hash ON service_register_log (url_hash);
