-- The writer role's fencing token. Whoever takes the score tables' writer lock (a pipeline, or a
-- replay for its swap) increments the epoch; every pass a pipeline writes first checks, in its own
-- transaction, that the epoch is still the one it took. The advisory lock alone lives on one session
-- and vanishes silently when Postgres restarts; the epoch does not.
CREATE TABLE writer_epoch (
    id       integer PRIMARY KEY CHECK (id = 1),
    epoch    bigint  NOT NULL,
    holder   text    NOT NULL,
    since_ms bigint  NOT NULL
);
INSERT INTO writer_epoch (id, epoch, holder, since_ms) VALUES (1, 0, '', 0);
