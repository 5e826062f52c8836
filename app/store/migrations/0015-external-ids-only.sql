-- Schema version 15: the uniqueness of (source, external id) is kept by an index of the rows
-- that have an external id, not by the table. As a table constraint it held every sale, those
-- without an id too (a bank file's rows, told apart by content_key): a million-row log without
-- ids paid for a million entries that could never clash (about a twentieth of its import).
-- What it refuses is the same: one external id once per source.
-- SQLite cannot drop a table constraint: the table is built again with its indexes. Foreign
-- keys are on while migrating, so dropping the old table would take the sales' lines with it
-- (ON DELETE CASCADE): they wait in a table of their own meanwhile.
CREATE TEMP TABLE lines_kept AS SELECT id, sale_id, product_id, quantity, amount FROM sale_lines;

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
  content_key  INTEGER
) STRICT;

INSERT INTO sales_new (id, customer_id, day, amount, source, external_id, batch_id, note,
                       created_at, content_hash, content_key)
  SELECT id, customer_id, day, amount, source, external_id, batch_id, note, created_at,
         content_hash, content_key
  FROM sales;

DROP TABLE sales;
ALTER TABLE sales_new RENAME TO sales;

CREATE UNIQUE INDEX sales_external_id ON sales (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX sales_customer_day ON sales (customer_id, day, amount);
CREATE INDEX sales_day ON sales (day);
CREATE INDEX sales_batch ON sales (batch_id) WHERE batch_id IS NOT NULL;
CREATE UNIQUE INDEX sales_source_hash ON sales (source, content_hash) WHERE content_hash IS NOT NULL;
CREATE UNIQUE INDEX sales_content_key ON sales (content_key, source) WHERE content_key IS NOT NULL;

INSERT INTO sale_lines (id, sale_id, product_id, quantity, amount)
  SELECT id, sale_id, product_id, quantity, amount FROM lines_kept;
DROP TABLE lines_kept;
