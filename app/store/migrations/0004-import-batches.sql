-- Schema version 4: customers remember the import that created them, so that undoing the
-- import removes them again (when nothing else refers to them).
ALTER TABLE customers ADD COLUMN batch_id INTEGER REFERENCES import_batches (id) ON DELETE SET NULL;
CREATE INDEX customers_batch ON customers (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX feedback_batch ON feedback (batch_id) WHERE batch_id IS NOT NULL;
-- The analysis reads every sale in (customer, day) order with its amount: a covering index
-- serves that scan without touching the table.
DROP INDEX sales_customer_day;
CREATE INDEX sales_customer_day ON sales (customer_id, day, amount);
CREATE INDEX customer_scores_run ON customer_scores (run_id);
