-- Schema version 6: one e-mail address, one customer. Two customers with one address split one
-- person's purchases in two, and a sale booked "to the address" went to whichever had the
-- lower id; merging is the way to join them. Addresses are folded by the application
-- (clv_email_fold) before they are written; lower() here covers rows written before that.
--
-- A shop that already holds customers sharing an address must still open, and nothing is
-- merged behind the owner's back: the oldest customer of each address owns it, the others are
-- marked shared_email and left out of the index until their address is changed (or they are
-- merged). New customers and changed addresses meet the index.
-- (0 or 1, written only by the store's own boolean expressions)
ALTER TABLE customers ADD COLUMN shared_email INTEGER NOT NULL DEFAULT 0;

UPDATE customers SET shared_email = 1
WHERE email IS NOT NULL AND merged_into IS NULL
  AND EXISTS (SELECT 1 FROM customers o
              WHERE o.email IS NOT NULL AND o.merged_into IS NULL
                AND lower(o.email) = lower(customers.email) AND o.id < customers.id);

CREATE UNIQUE INDEX customers_one_per_email ON customers (lower(email))
  WHERE email IS NOT NULL AND merged_into IS NULL AND shared_email = 0;
