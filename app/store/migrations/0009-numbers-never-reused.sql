-- Schema version 9: an import or campaign number is never given out twice in a shop. SQLite
-- hands out the highest number in use + 1, so after "import undo 1" the next import was number
-- 1 again and an undo typed twice removed a later import. The highest number ever given out is
-- kept here (as AUTOINCREMENT keeps it in sqlite_sequence, which an existing table cannot be
-- given without rebuilding it and the tables that refer to it), and the store numbers new rows
-- from it. Existing numbers stay as they are; the highest one in use is the start.
CREATE TABLE numbers_used (
  name TEXT PRIMARY KEY CHECK (name IN ('import_batches', 'campaigns')),
  last INTEGER NOT NULL CHECK (last >= 0)
) STRICT;
INSERT INTO numbers_used (name, last)
  SELECT 'import_batches', coalesce(max(id), 0) FROM import_batches
  UNION ALL
  SELECT 'campaigns', coalesce(max(id), 0) FROM campaigns;

-- A row numbered any other way, at or below a number already given out, is refused rather than
-- silently taking the number of a removed import or campaign.
CREATE TRIGGER import_batches_number AFTER INSERT ON import_batches
BEGIN
  SELECT raise(ABORT, 'import number already used')
  WHERE NEW.id <= (SELECT last FROM numbers_used WHERE name = 'import_batches');
  UPDATE numbers_used SET last = NEW.id WHERE name = 'import_batches';
END;
CREATE TRIGGER campaigns_number AFTER INSERT ON campaigns
BEGIN
  SELECT raise(ABORT, 'campaign number already used')
  WHERE NEW.id <= (SELECT last FROM numbers_used WHERE name = 'campaigns');
  UPDATE numbers_used SET last = NEW.id WHERE name = 'campaigns';
END;
