-- Trends and movers ask for max(day) on every agent lookup; without this index that was a full scan
-- of the history (max(day) is now an index-only scan; see docs/benchmarks.md for the lookup figures).
CREATE INDEX node_score_history_by_day ON node_score_history (day);
