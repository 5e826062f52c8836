-- Schema version 8: a shop id, so that backups are known as this shop's (and pruning never
-- deletes a file the shop did not write), and the exports under way, so that a list file and
-- the campaign recorded with it arrive together or not at all, even when the process is killed.
INSERT INTO settings (key, value)
SELECT 'shop-id', lower(hex(randomblob(16)))
WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'shop-id');

-- One row from before an export's temp file is written until it is renamed into place and the
-- row removed in the same step as the campaign's record is kept. A row found later belongs to a
-- killed export: its temp file is removed and its campaign (if any) undone, or, when the rename
-- happened, the row is dropped and the campaign stays.
CREATE TABLE pending_exports (
  id          INTEGER PRIMARY KEY,
  temp_path   TEXT NOT NULL,
  target      TEXT NOT NULL,
  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE CASCADE
) STRICT;
