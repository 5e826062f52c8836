/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbook's read-ahead: every customer in the order read, strings intact after the reader
 * has reused its own; the reader's error after the customers before it; never more customers
 * held than the blocks allow; stopping early stops the reader; figures in the reader's text
 * with a dot under a German locale, as the writer's own thread writes them.
 */
#include <locale.h>
#include <string.h>
#include <glib.h>

#include "reg-report-read-ahead.h"

#define CAPACITY (REG_REPORT_READ_AHEAD_BLOCK * REG_REPORT_READ_AHEAD_BLOCKS)

typedef struct
{
  guint  total;          /* customers to yield; G_MAXUINT = without end */
  guint  fail_after;     /* yield this many, then an error; 0 = never */
  gint   produced;       /* atomic */
  gint   consumed;       /* atomic: set by the test as it takes them */
  gint   most_ahead;     /* atomic: the most produced - consumed seen by the reader */
  char  *name;           /* (owned) rewritten on every call, as a statement's text would be */
  char  *reason;         /* (owned) */
} Source;

static gboolean
source_next (gpointer data, RegReportCustomer *out, GError **error)
{
  Source *s = data;
  guint i = (guint) g_atomic_int_get (&s->produced);
  gint ahead;

  if (s->fail_after > 0 && i == s->fail_after)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "the disk went away at row %u", i);
      return FALSE;
    }
  if (i >= s->total)
    return FALSE;
  g_free (s->name);
  g_free (s->reason);
  s->name = g_strdup_printf ("Customer %u", i);
  s->reason = g_strdup_printf ("usually every %.1f weeks", i + 0.5);
  out->id = i + 1;
  out->name = s->name;
  out->at_risk_reason = s->reason;
  out->tier_id = (char *) (i % 2 ? "top" : "bottom");
  out->total_spend = (gint64) i * 100;
  g_atomic_int_inc (&s->produced);
  ahead = g_atomic_int_get (&s->produced) - g_atomic_int_get (&s->consumed);
  if (ahead > g_atomic_int_get (&s->most_ahead))
    g_atomic_int_set (&s->most_ahead, ahead);
  return TRUE;
}

static void
source_clear (Source *s)
{
  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->reason, g_free);
}

static void
test_order (void)
{
  /* not a whole number of blocks, so that the last block is a short one */
  Source s = { .total = 3 * REG_REPORT_READ_AHEAD_BLOCK + 17 };
  g_autoptr(GError) error = NULL;
  RegReportReadAhead *ahead = reg_report_read_ahead_start (source_next, &s, &error);
  RegReportCustomer c;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (ahead);
  while (reg_report_read_ahead_next (ahead, &c, &error))
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", n);

      g_assert_cmpint (c.id, ==, n + 1);
      g_assert_cmpstr (c.name, ==, name);
      g_assert_cmpstr (c.tier_id, ==, n % 2 ? "top" : "bottom");
      g_assert_cmpint (c.total_spend, ==, (gint64) n * 100);
      g_atomic_int_inc (&s.consumed);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, s.total);
  /* the end stays the end */
  g_assert_false (reg_report_read_ahead_next (ahead, &c, &error));
  g_assert_no_error (error);
  reg_report_read_ahead_stop (ahead);
  source_clear (&s);
}

static void
test_error (void)
{
  Source s = { .total = G_MAXUINT, .fail_after = REG_REPORT_READ_AHEAD_BLOCK + 44 };
  g_autoptr(GError) error = NULL;
  RegReportReadAhead *ahead = reg_report_read_ahead_start (source_next, &s, &error);
  RegReportCustomer c;
  guint n = 0;

  while (reg_report_read_ahead_next (ahead, &c, &error))
    n++;
  g_assert_cmpuint (n, ==, s.fail_after);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "row 300"));
  reg_report_read_ahead_stop (ahead);
  source_clear (&s);
}

static void
test_bounded (void)
{
  Source s = { .total = 20 * CAPACITY };
  g_autoptr(GError) error = NULL;
  RegReportReadAhead *ahead = reg_report_read_ahead_start (source_next, &s, &error);
  RegReportCustomer c;
  guint n = 0;

  /* a slow writer: the reader runs ahead as far as it may, and no further */
  for (guint waited = 0; g_atomic_int_get (&s.produced) < CAPACITY && waited < 30000; waited++)
    g_usleep (1000);
  g_usleep (50 * 1000);
  g_assert_cmpint (g_atomic_int_get (&s.produced), ==, CAPACITY);
  while (reg_report_read_ahead_next (ahead, &c, &error))
    {
      g_atomic_int_inc (&s.consumed);
      if (++n % REG_REPORT_READ_AHEAD_BLOCK == 0)
        g_usleep (200);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, s.total);
  g_assert_cmpint (g_atomic_int_get (&s.most_ahead), <=, CAPACITY);
  reg_report_read_ahead_stop (ahead);
  source_clear (&s);
}

static void
test_stop_early (void)
{
  Source s = { .total = G_MAXUINT };
  g_autoptr(GError) error = NULL;
  RegReportReadAhead *ahead = reg_report_read_ahead_start (source_next, &s, &error);
  RegReportCustomer c;
  gint produced;

  for (guint i = 0; i < 10; i++)
    g_assert_true (reg_report_read_ahead_next (ahead, &c, &error));
  /* returns although the reader has more: it stops reading and is waited for */
  reg_report_read_ahead_stop (ahead);
  produced = g_atomic_int_get (&s.produced);
  g_assert_cmpint (produced, <=, CAPACITY);
  g_usleep (20 * 1000);
  g_assert_cmpint (g_atomic_int_get (&s.produced), ==, produced);
  source_clear (&s);

  /* stopped before taking anything */
  s = (Source) { .total = G_MAXUINT };
  ahead = reg_report_read_ahead_start (source_next, &s, &error);
  reg_report_read_ahead_stop (ahead);
  source_clear (&s);
}

static void
test_german_locale (void)
{
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));
  Source s = { .total = 3 };
  g_autoptr(GError) error = NULL;
  RegReportReadAhead *ahead;
  RegReportCustomer c;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("de_DE.UTF-8 not installed");
      return;
    }
  ahead = reg_report_read_ahead_start (source_next, &s, &error);
  g_assert_true (reg_report_read_ahead_next (ahead, &c, &error));
  g_assert_cmpstr (c.at_risk_reason, ==, "usually every 0.5 weeks");
  reg_report_read_ahead_stop (ahead);
  setlocale (LC_ALL, old);
  source_clear (&s);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/report-read-ahead/order", test_order);
  g_test_add_func ("/io/report-read-ahead/error", test_error);
  g_test_add_func ("/io/report-read-ahead/bounded", test_bounded);
  g_test_add_func ("/io/report-read-ahead/stop-early", test_stop_early);
  g_test_add_func ("/io/report-read-ahead/german-locale", test_german_locale);
  return g_test_run ();
}
