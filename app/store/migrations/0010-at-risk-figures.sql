-- Schema version 10: the figures behind each at-risk flag are kept with the scores, so that every
-- list says why a customer is on it in the figures the analysis measured, not recomputed from
-- sales that came later.
ALTER TABLE customer_scores ADD COLUMN risk_days_since INTEGER;  -- last purchase to the analysis end
ALTER TABLE customer_scores ADD COLUMN risk_gap_days REAL;       -- the gap the overdue rule measured against
ALTER TABLE customer_scores ADD COLUMN nps_score INTEGER;        -- latest NPS answer up to the end
ALTER TABLE customer_scores ADD COLUMN nps_day TEXT;
