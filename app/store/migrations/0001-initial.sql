-- Schema version 1: customers, sales, settings, import batches.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 500),
  email            TEXT CHECK (email IS NULL OR length(email) <= 320),
  phone            TEXT,
  acquired_on      TEXT CHECK (acquired_on IS NULL OR date(acquired_on, '+0 days') IS acquired_on),
  channel          TEXT,
  acquisition_cost INTEGER NOT NULL DEFAULT 0
                   CHECK (acquisition_cost BETWEEN 0 AND 10000000000000),
  email_consent    INTEGER NOT NULL DEFAULT 0 CHECK (email_consent IN (0, 1)),
  notes            TEXT,
  archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
) STRICT;
CREATE INDEX customers_email ON customers (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE import_batches (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT NOT NULL,
  file_hash     TEXT NOT NULL,
  format        TEXT NOT NULL,
  preset        TEXT,
  mapping       TEXT,
  rows_read     INTEGER NOT NULL DEFAULT 0,
  imported      INTEGER NOT NULL DEFAULT 0,
  duplicates    INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  new_customers INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
) STRICT;

CREATE TABLE sales (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  day         TEXT NOT NULL CHECK (date(day, '+0 days') IS day),
  amount      INTEGER NOT NULL CHECK (amount <> 0 AND amount BETWEEN -10000000000000 AND 10000000000000),
  source      TEXT,
  external_id TEXT,
  batch_id    INTEGER REFERENCES import_batches (id) ON DELETE CASCADE,
  note        TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
  UNIQUE (source, external_id)
) STRICT;
CREATE INDEX sales_customer_day ON sales (customer_id, day);
CREATE INDEX sales_day ON sales (day);
CREATE INDEX sales_batch ON sales (batch_id) WHERE batch_id IS NOT NULL;
