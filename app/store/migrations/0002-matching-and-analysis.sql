-- Schema version 2: external customer references for matching, content hashes for
-- de-duplication, saved import mappings, cached analysis.
ALTER TABLE sales ADD COLUMN content_hash TEXT;
CREATE UNIQUE INDEX sales_source_hash ON sales (source, content_hash) WHERE content_hash IS NOT NULL;
ALTER TABLE import_batches ADD COLUMN undone_at TEXT;
CREATE INDEX import_batches_hash ON import_batches (file_hash);

CREATE TABLE customer_refs (
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('id', 'iban', 'name', 'reference')),
  source      TEXT NOT NULL,
  ref         TEXT NOT NULL,
  batch_id    INTEGER REFERENCES import_batches (id) ON DELETE CASCADE,
  PRIMARY KEY (kind, source, ref)
) STRICT;
CREATE INDEX customer_refs_customer ON customer_refs (customer_id);

CREATE TABLE import_mappings (
  name    TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
  mapping TEXT NOT NULL
) STRICT;

CREATE TABLE model_runs (
  id              INTEGER PRIMARY KEY,
  run_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
  end_day         TEXT NOT NULL,
  calibration_end TEXT,
  model           TEXT NOT NULL,
  time_unit       TEXT NOT NULL,
  result          TEXT NOT NULL            -- the whole run as JSON, for reports and the GUI
) STRICT;

CREATE TABLE customer_scores (
  customer_id        INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  run_id             INTEGER NOT NULL REFERENCES model_runs (id) ON DELETE CASCADE,
  purchases          INTEGER NOT NULL,
  total_spend        INTEGER NOT NULL,
  first_purchase     TEXT,
  last_purchase      TEXT,
  p_alive            REAL,
  expected_purchases REAL,
  expected_spend     REAL,
  clv                REAL,
  historic_clv       REAL,
  next_purchase      TEXT,
  tier               TEXT,
  r_score            INTEGER,
  f_score            INTEGER,
  m_score            INTEGER,
  rfm_group          TEXT,
  at_risk            INTEGER NOT NULL DEFAULT 0
) STRICT;
