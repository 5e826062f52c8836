-- Schema version 3: survey feedback, campaigns with treatment and control members, and merged
-- customers remembered so that later imports of the old references land on the survivor.
CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  day         TEXT NOT NULL CHECK (date(day, '+0 days') IS day),
  kind        TEXT NOT NULL CHECK (kind IN ('nps', 'csat')),
  score       INTEGER NOT NULL CHECK ((kind = 'nps' AND score BETWEEN 0 AND 10)
                                      OR (kind = 'csat' AND score BETWEEN 1 AND 5)),
  comment     TEXT,
  batch_id    INTEGER REFERENCES import_batches (id) ON DELETE CASCADE
) STRICT;
CREATE INDEX feedback_customer ON feedback (customer_id, day);

CREATE TABLE campaigns (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  segment         TEXT NOT NULL,
  rule            TEXT,
  started_on      TEXT NOT NULL CHECK (date(started_on, '+0 days') IS started_on),
  control_percent REAL NOT NULL DEFAULT 0 CHECK (control_percent >= 0 AND control_percent < 100),
  seed            INTEGER NOT NULL DEFAULT 0,
  file_name       TEXT,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
) STRICT;

CREATE TABLE campaign_members (
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  grp         TEXT NOT NULL CHECK (grp IN ('treatment', 'control')),
  PRIMARY KEY (campaign_id, customer_id)
) STRICT;
CREATE INDEX campaign_members_customer ON campaign_members (customer_id);

ALTER TABLE customers ADD COLUMN merged_into INTEGER REFERENCES customers (id);
