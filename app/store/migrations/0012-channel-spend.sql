-- Schema version 12: the owner's marketing spend per acquisition channel and month, besides
-- each customer's own acquisition cost. A channel is matched without regard to case (the
-- customers' channels are written by hand and by imports); one amount per channel and month.
CREATE TABLE channel_spend (
  channel TEXT NOT NULL COLLATE NOCASE
          CHECK (length(trim(channel)) > 0 AND length(channel) <= 200),
  month   TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                               AND substr(month, 6, 2) BETWEEN '01' AND '12'),
  amount  INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 10000000000000),
  PRIMARY KEY (channel, month)
) STRICT;
