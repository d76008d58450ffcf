-- Issue 15: the liquidity curve's bins moved from log10 x to z = log10(x / (1 − x)), which gives
-- the part just below the channel size more bins, and each bin's value now sits at a knot where the
-- bin's evidence lay rather than at its centre. The row stores that knot as x itself (amount /
-- largest enabled channel), which reads the same whatever the bins, and the 95 % likelihood-ratio
-- interval of L there, which answers for amounts in that part of the curve carry. The old 24-bin
-- curve is dropped: serving answers with a flat curve until the next pass writes the new one.
DELETE FROM liquidity_curve;
ALTER TABLE liquidity_curve DROP COLUMN log10_ratio_centre;
ALTER TABLE liquidity_curve
    ADD COLUMN ratio DOUBLE PRECISION NOT NULL CHECK (ratio > 0 AND ratio < 1),
    ADD COLUMN liquidity_low DOUBLE PRECISION NOT NULL CHECK (liquidity_low >= 0 AND liquidity_low <= liquidity),
    ADD COLUMN liquidity_high DOUBLE PRECISION NOT NULL CHECK (liquidity_high >= liquidity AND liquidity_high <= 1);
