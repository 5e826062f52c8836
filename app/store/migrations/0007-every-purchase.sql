-- Schema version 7: every purchase is kept.
-- * A sale of 0 is allowed: an order of 0.00 in a store export (a free sample, a 100 % discount)
--   is a visit without spend, and counts for frequency and recency.
-- * Rows without an external id are told apart by content_key, a 64-bit key of their content
--   and of the occurrence of that identical row within its file (1st, 2nd, …): two identical
--   purchases on one day both count, while the same rows downloaded again add nothing.
--   content_hash holds the keys of imports made before this version (content only, no
--   occurrence); an identical row of the same source is still a duplicate of those, so that a
--   file imported before adds nothing when it is imported again.
-- SQLite cannot change a CHECK constraint in place: the table is built again with its indexes.
CREATE TABLE sales_new (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  day          TEXT NOT NULL CHECK (date(day, '+0 days') IS day),
  amount       INTEGER NOT NULL CHECK (amount BETWEEN -10000000000000 AND 10000000000000),
  source       TEXT,
  external_id  TEXT,
  batch_id     INTEGER REFERENCES import_batches (id) ON DELETE CASCADE,
  note         TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
  content_hash TEXT,
  content_key  INTEGER,
  UNIQUE (source, external_id)
) STRICT;

INSERT INTO sales_new (id, customer_id, day, amount, source, external_id, batch_id, note,
                       created_at, content_hash)
  SELECT id, customer_id, day, amount, source, external_id, batch_id, note, created_at,
         content_hash
  FROM sales;

DROP TABLE sales;
ALTER TABLE sales_new RENAME TO sales;

CREATE INDEX sales_customer_day ON sales (customer_id, day, amount);
CREATE INDEX sales_day ON sales (day);
CREATE INDEX sales_batch ON sales (batch_id) WHERE batch_id IS NOT NULL;
CREATE UNIQUE INDEX sales_source_hash ON sales (source, content_hash) WHERE content_hash IS NOT NULL;
CREATE UNIQUE INDEX sales_source_key ON sales (source, content_key) WHERE content_key IS NOT NULL;
