-- Schema version 13: what was sold in each sale, where the file says (store exports with line
-- items; bank files have none, and a sale without lines stays a sale).
-- * A product is known by its code: the file's stock code where it has one, else its name.
--   The name is the first one seen; products outlive the imports that brought them (a later
--   import finds the same code), and a product no line names counts for nothing.
-- * A line belongs to its sale and goes with it: undoing an import, deleting a customer or a
--   sale removes the lines by the foreign key; merging customers moves the sales, lines and all.
-- * Quantity is a whole count as the file gives it (negative on a cancelled invoice's lines,
--   which belong to the refund); amount is in minor units like every sum of money.
CREATE TABLE products (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 500),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500)
) STRICT;

CREATE TABLE sale_lines (
  id         INTEGER PRIMARY KEY,
  sale_id    INTEGER NOT NULL REFERENCES sales (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL,
  amount     INTEGER NOT NULL CHECK (amount BETWEEN -10000000000000 AND 10000000000000)
) STRICT;

CREATE INDEX sale_lines_sale ON sale_lines (sale_id);
CREATE INDEX sale_lines_product ON sale_lines (product_id);

-- A customer id written as a float ("17850.0", as Online Retail exports have it) is the id
-- 17850 from now on: the references kept before follow, so a file imported again finds its
-- customers (one already there under the plain number keeps it).
UPDATE OR IGNORE customer_refs
  SET ref = substr(ref, 1, instr(ref, '.') - 1)
  WHERE kind = 'id' AND instr(ref, '.') > 1
    AND substr(ref, 1, instr(ref, '.') - 1) NOT GLOB '*[^0-9]*'
    AND rtrim(substr(ref, instr(ref, '.') + 1), '0') = '';
