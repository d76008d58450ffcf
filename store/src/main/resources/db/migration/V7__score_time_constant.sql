-- The decay time constant a score was computed with: operators can replay with another one, and the
-- API reports the one actually used instead of a constant.
ALTER TABLE node_scores ADD COLUMN time_constant_days INTEGER NOT NULL DEFAULT 7;
