-- Schema version 11: how sure each prediction is. Beside the expected purchases and the
-- predicted value over the horizon, the 80 % range of the customer's purchases (whole counts,
-- from the model's predictive distribution given the history) and the value of those
-- purchases, minor units. NULL where there is no model or the run predates the ranges.
ALTER TABLE customer_scores ADD COLUMN purchases_low INTEGER CHECK (purchases_low >= 0);
ALTER TABLE customer_scores ADD COLUMN purchases_high INTEGER
  CHECK (purchases_high >= purchases_low);
ALTER TABLE customer_scores ADD COLUMN clv_low REAL CHECK (clv_low >= 0);
ALTER TABLE customer_scores ADD COLUMN clv_high REAL CHECK (clv_high >= clv_low);
