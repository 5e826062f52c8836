-- Schema version 4: customers remember the import that created them, so that undoing the
-- import removes them again (when nothing else refers to them).
ALTER TABLE customers ADD COLUMN batch_id INTEGER REFERENCES import_batches (id) ON DELETE SET NULL;
CREATE INDEX customers_batch ON customers (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX feedback_batch ON feedback (batch_id) WHERE batch_id IS NOT NULL;
