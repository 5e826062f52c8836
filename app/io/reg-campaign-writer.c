/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Campaign lists: who goes on the list (reg_campaign_prepare), the control group
 * (reg_campaign_split, GRand with the caller's seed) and the files. CSV is UTF-8, comma, CRLF,
 * RFC 4180 quoting; every text field but the address starting with = + - @ tab CR LF gets a
 * leading "'" (an address is checked when it comes in, and "+tag@…" is one); numbers and dates
 * are written bare (1234.50, 2024-05-01). XLSX writes text with the string writer only (a string
 * cell is never a formula, so it needs no guard), numbers and dates as typed cells. Files go to a temp file renamed on success.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "clv-date.h"
#include "clv-money.h"
#include "clv-text.h"
#include "reg-campaign-writer.h"
#include "reg-export-util.h"
#include "reg-io-error.h"

#define CANCEL_EVERY 1000
#define MAILCHIMP_MAX_BYTES 255
#define TAG_MAX_CHARS 100

typedef enum
{
  COLUMN_EMAIL,
  COLUMN_FIRST_NAME,
  COLUMN_LAST_NAME,
  COLUMN_TAGS,
  COLUMN_CONSENT,
  COLUMN_SEGMENT,
  COLUMN_PREDICTED_CLV,
  COLUMN_LAST_ORDER_DATE,
  COLUMN_TOTAL_SPEND,
  COLUMN_PURCHASES,
  COLUMN_PROBABILITY_ALIVE,
  N_COLUMNS
} Column;

/* Import names: the tools match these labels, so they are never translated. */
static const struct
{
  const char *generic;
  const char *brevo;
  RegCampaignColumns flag;      /* 0 = always present (consent: Klaviyo only) */
} columns[N_COLUMNS] = {
  [COLUMN_EMAIL] = { "Email Address", "EMAIL", 0 },
  [COLUMN_FIRST_NAME] = { "First Name", "FIRSTNAME", 0 },
  [COLUMN_LAST_NAME] = { "Last Name", "LASTNAME", 0 },
  [COLUMN_TAGS] = { "Tags", "TAGS", 0 },
  [COLUMN_CONSENT] = { "Email Marketing Consent", NULL, 0 },
  [COLUMN_SEGMENT] = { "Segment", "SEGMENT", REG_CAMPAIGN_COLUMN_SEGMENT },
  [COLUMN_PREDICTED_CLV] = { "Predicted CLV", "PREDICTED_CLV", REG_CAMPAIGN_COLUMN_PREDICTED_CLV },
  [COLUMN_LAST_ORDER_DATE] = { "Last Order Date", "LAST_ORDER_DATE",
                               REG_CAMPAIGN_COLUMN_LAST_ORDER_DATE },
  [COLUMN_TOTAL_SPEND] = { "Total Spend", "TOTAL_SPEND", REG_CAMPAIGN_COLUMN_TOTAL_SPEND },
  [COLUMN_PURCHASES] = { "Purchases", "PURCHASES", REG_CAMPAIGN_COLUMN_PURCHASES },
  [COLUMN_PROBABILITY_ALIVE] = { "Probability Alive", "PROBABILITY_ALIVE",
                                 REG_CAMPAIGN_COLUMN_PROBABILITY_ALIVE },
};

typedef enum { CELL_EMPTY, CELL_TEXT, CELL_MONEY, CELL_COUNT, CELL_FRACTION, CELL_DATE } CellKind;

typedef struct
{
  CellKind kind;
  char    *text;                 /* (owned) CELL_TEXT: as given, not yet guarded */
  gint64   minor;                /* CELL_MONEY */
  guint    count;                /* CELL_COUNT */
  double   fraction;             /* CELL_FRACTION */
  gint32   day;                  /* CELL_DATE */
} Cell;

/* ---- options, rows, results --------------------------------------------------------------- */

/* Generic preset, Segment + Predicted CLV + Last Order Date, no control group, 2 decimals. */
void
reg_campaign_options_init (RegCampaignOptions *options)
{
  memset (options, 0, sizeof *options);
  options->preset = REG_CAMPAIGN_PRESET_GENERIC;
  options->columns = REG_CAMPAIGN_COLUMNS_DEFAULT;
  options->currency_exponent = 2;
}

void
reg_campaign_row_clear (RegCampaignRow *row)
{
  g_clear_pointer (&row->email, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->first_name, g_free);
  g_clear_pointer (&row->last_name, g_free);
  g_clear_pointer (&row->tags, g_strfreev);
  g_clear_pointer (&row->segment, g_free);
}

void
reg_campaign_result_free (RegCampaignResult *result)
{
  if (result == NULL)
    return;
  g_array_unref (result->treatment);
  g_array_unref (result->control);
  g_free (result);
}

/**
 * reg_campaign_result_describe:
 *
 * Returns: (transfer full): one translated paragraph for the owner: how many were written, held
 *   back, and left out for each reason.
 */
char *
reg_campaign_result_describe (const RegCampaignResult *result)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GPtrArray) left_out = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u customer on the list",
                                          "%u customers on the list", result->treatment->len),
                          result->treatment->len);
  if (result->control->len > 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                            ", %u held back as the control group",
                                            ", %u held back as the control group",
                                            result->control->len),
                            result->control->len);
  g_string_append (s, ".");
  if (result->n_no_consent > 0)
    g_ptr_array_add (left_out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u did not agree to emails",
                                                             "%u did not agree to emails",
                                                             result->n_no_consent),
                                                result->n_no_consent));
  if (result->n_no_email > 0)
    g_ptr_array_add (left_out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u has no email address",
                                                             "%u have no email address",
                                                             result->n_no_email),
                                                result->n_no_email));
  if (result->n_bad_email > 0)
    g_ptr_array_add (left_out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u has an address that is not an "
                                                             "email address",
                                                             "%u have an address that is not an "
                                                             "email address",
                                                             result->n_bad_email),
                                                result->n_bad_email));
  if (result->n_duplicate > 0)
    g_ptr_array_add (left_out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u shares an address with a "
                                                             "customer already on the list",
                                                             "%u share an address with a "
                                                             "customer already on the list",
                                                             result->n_duplicate),
                                                result->n_duplicate));
  if (left_out->len > 0)
    {
      guint n_left = result->n_no_consent + result->n_no_email + result->n_bad_email
                     + result->n_duplicate;

      g_ptr_array_add (left_out, NULL);
      g_autofree char *joined = g_strjoinv ("; ", (char **) left_out->pdata);
      g_string_append_c (s, ' ');
      /* Translators: customers left out of all handed in, then the reasons */
      g_string_append_printf (s, _("Left out %u of %u: %s."), n_left,
                              MAX (result->n_rows, n_left), joined);
    }
  return g_string_free (s, FALSE);
}

/* ---- who goes on the list ----------------------------------------------------------------- */

static gint
compare_by_id (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const gint64 *ids = user_data;
  gint64 x = ids[*(const gsize *) a], y = ids[*(const gsize *) b];

  if (x != y)
    return x < y ? -1 : 1;
  /* equal ids (should not happen): keep the input order, which the sort is stable on */
  return *(const gsize *) a < *(const gsize *) b ? -1 : 1;
}

/**
 * reg_campaign_split:
 * @customer_ids: the members, in any order
 * @n_members: how many
 * @percent: share to hold back, 0 to 100
 * @seed: the campaign's seed
 * @out_n_control: (out) (optional): how many were held back
 *
 * Picks the control group: round(@n_members × @percent / 100) members, chosen by a Fisher–Yates
 * shuffle with GRand seeded by @seed over the members sorted by customer id, so the same seed and
 * the same members give the same group whatever order they come in.
 *
 * Returns: (transfer full): @n_members booleans, %TRUE = control, in the order of @customer_ids.
 *   Free with g_free().
 */
gboolean *
reg_campaign_split (const gint64 *customer_ids,
                    gsize         n_members,
                    double        percent,
                    guint32       seed,
                    gsize        *out_n_control)
{
  gboolean *control = g_new0 (gboolean, MAX (n_members, 1));
  g_autofree gsize *order = NULL;
  g_autoptr(GRand) rand = NULL;
  gsize n_control;

  if (!(percent > 0) || n_members == 0)
    {
      if (out_n_control != NULL)
        *out_n_control = 0;
      return control;
    }
  n_control = (gsize) floor ((double) n_members * MIN (percent, 100.0) / 100.0 + 0.5);
  n_control = MIN (n_control, n_members);

  /* indices sorted by id: insertion order must not matter */
  order = g_new (gsize, n_members);
  for (gsize i = 0; i < n_members; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n_members, sizeof (gsize), compare_by_id,
                     (gpointer) customer_ids);
  rand = g_rand_new_with_seed (seed);
  for (gsize i = n_members - 1; i > 0; i--)
    {
      gsize j = (gsize) g_rand_int_range (rand, 0, (gint32) (i + 1));
      gsize tmp = order[i];

      order[i] = order[j];
      order[j] = tmp;
    }
  for (gsize i = 0; i < n_control; i++)
    control[order[i]] = TRUE;
  if (out_n_control != NULL)
    *out_n_control = n_control;
  return control;
}

/* Trims spaces only: a leading tab or carriage return is kept, so that the formula guard sees
 * it and the cell comes out inert rather than silently changed. */
static char *
trim_spaces (const char *text)
{
  const char *start = text != NULL ? text : "";
  const char *end;

  while (*start == ' ')
    start++;
  end = start + strlen (start);
  while (end > start && end[-1] == ' ')
    end--;
  return g_strndup (start, end - start);
}

/* "Anna Maria Schmidt" → "Anna Maria" + "Schmidt"; one word → first name only. */
void
reg_campaign_split_name (const char *name, char **out_first, char **out_last)
{
  g_autofree char *clean = trim_spaces (name);
  char *space = NULL;

  for (char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      space = p;
  if (space == NULL)
    {
      *out_first = g_steal_pointer (&clean);
      *out_last = g_strdup ("");
      return;
    }
  *out_last = g_strdup (g_utf8_next_char (space));
  *space = '\0';
  *out_first = trim_spaces (clean);
}

/* The plan: result plus the row indices to write, in row order. */
static RegCampaignResult *
plan (const RegCampaignRow *rows, gsize n_rows, const RegCampaignOptions *options,
      GArray **out_written)
{
  RegCampaignResult *result = g_new0 (RegCampaignResult, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) eligible = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree gboolean *control = NULL;
  GArray *written = g_array_new (FALSE, FALSE, sizeof (gsize));

  result->n_rows = (guint) n_rows;
  result->treatment = g_array_new (FALSE, FALSE, sizeof (gint64));
  result->control = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gsize i = 0; i < n_rows; i++)
    {
      const RegCampaignRow *row = &rows[i];
      g_autofree char *email = NULL;
      g_autofree char *key = NULL;

      if (!row->email_consent)
        {
          result->n_no_consent++;
          continue;
        }
      email = g_strstrip (g_utf8_make_valid (row->email != NULL ? row->email : "", -1));
      if (email[0] == '\0')
        {
          result->n_no_email++;
          continue;
        }
      /* the rule addresses met when they came in; a shop from before it may hold others */
      if (!clv_email_is_valid (email))
        {
          result->n_bad_email++;
          continue;
        }
      key = clv_email_fold (email);
      if (g_hash_table_contains (seen, key))
        {
          result->n_duplicate++;
          continue;
        }
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_array_append_val (eligible, i);
      g_array_append_val (ids, row->customer_id);
    }

  control = reg_campaign_split ((const gint64 *) ids->data, ids->len, options->control_percent,
                                options->seed, NULL);
  for (guint k = 0; k < eligible->len; k++)
    {
      gsize i = g_array_index (eligible, gsize, k);

      if (control[k])
        g_array_append_val (result->control, rows[i].customer_id);
      else
        {
          g_array_append_val (result->treatment, rows[i].customer_id);
          g_array_append_val (written, i);
        }
    }
  if (out_written != NULL)
    *out_written = written;
  else
    g_array_unref (written);
  return result;
}

/**
 * reg_campaign_prepare:
 * @rows: the segment's customers
 * @options: control_percent and seed are used
 *
 * Works out who a campaign file would hold, without writing it: only customers who agreed to
 * email and have a usable address, the first row of each address (compared ignoring case), the
 * control group taken out. The services layer records the result's members and groups in the
 * shop; the write functions below compute the same.
 *
 * Returns: (transfer full): free with reg_campaign_result_free()
 */
RegCampaignResult *
reg_campaign_prepare (const RegCampaignRow *rows, gsize n_rows, const RegCampaignOptions *options)
{
  return plan (rows, n_rows, options, NULL);
}

/* ---- cells -------------------------------------------------------------------------------- */

static gboolean
column_enabled (const RegCampaignOptions *options, Column c)
{
  if (c == COLUMN_CONSENT)
    return options->preset == REG_CAMPAIGN_PRESET_KLAVIYO;
  return columns[c].flag == 0 || (options->columns & columns[c].flag) != 0;
}

static const char *
column_header (const RegCampaignOptions *options, Column c)
{
  if (options->preset == REG_CAMPAIGN_PRESET_BREVO && columns[c].brevo != NULL)
    return columns[c].brevo;
  return columns[c].generic;
}

/* Mailchimp's tag cell: tags separated by commas, a tag holding a comma in double quotes. */
static char *
tags_text (const RegCampaignRow *row, const RegCampaignOptions *options)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *const *lists[2] = { (const char *const *) row->tags, options->tags };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        g_autofree char *valid = g_utf8_make_valid (lists[l][i], -1);
        g_autofree char *tag = NULL;
        g_autoptr(GString) clean = g_string_new (NULL);

        for (const char *p = g_strstrip (valid); *p != '\0'; p++)
          if (*p != '"' && (guchar) *p >= 0x20)
            g_string_append_c (clean, *p);
        if (clean->len == 0)
          continue;
        tag = g_utf8_substring (clean->str, 0, MIN (g_utf8_strlen (clean->str, -1), TAG_MAX_CHARS));
        if (s->len > 0)
          g_string_append_c (s, ',');
        if (strchr (tag, ',') != NULL)
          g_string_append_printf (s, "\"%s\"", tag);
        else
          g_string_append (s, tag);
      }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->text, g_free);
  cell->kind = CELL_EMPTY;
}

static void
make_cell (const RegCampaignRow *row, const RegCampaignOptions *options, Column c,
           const char *first, const char *last, gboolean csv, Cell *cell)
{
  memset (cell, 0, sizeof *cell);
  cell->kind = CELL_TEXT;
  switch (c)
    {
    case COLUMN_EMAIL:
      cell->text = g_strstrip (g_strdup (row->email));
      break;
    case COLUMN_FIRST_NAME:
      cell->text = g_strdup (first);
      break;
    case COLUMN_LAST_NAME:
      cell->text = g_strdup (last);
      break;
    case COLUMN_TAGS:
      cell->text = tags_text (row, options);
      break;
    case COLUMN_CONSENT:
      cell->text = g_strdup ("Subscribed");     /* only consenting customers get this far */
      break;
    case COLUMN_SEGMENT:
      cell->text = g_strdup (row->segment != NULL ? row->segment : "");
      break;
    case COLUMN_PREDICTED_CLV:
      cell->kind = row->predicted_clv >= 0 ? CELL_MONEY : CELL_EMPTY;
      cell->minor = row->predicted_clv;
      break;
    case COLUMN_TOTAL_SPEND:
      cell->kind = CELL_MONEY;
      cell->minor = row->total_spend;
      break;
    case COLUMN_LAST_ORDER_DATE:
      cell->kind = row->last_order_day > 0 ? CELL_DATE : CELL_EMPTY;
      cell->day = row->last_order_day;
      break;
    case COLUMN_PURCHASES:
      cell->kind = CELL_COUNT;
      cell->count = row->purchases;
      break;
    case COLUMN_PROBABILITY_ALIVE:
      cell->kind = row->probability_alive >= 0 && row->probability_alive <= 1 ? CELL_FRACTION
                                                                               : CELL_EMPTY;
      cell->fraction = row->probability_alive;
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  if (cell->kind == CELL_TEXT)
    {
      /* a CSV cell is read as a formula by spreadsheets; an address stays as it was given */
      char *guarded = csv && c != COLUMN_EMAIL ? reg_text_guarded (cell->text)
                                               : g_utf8_make_valid (cell->text, -1);

      g_free (cell->text);
      cell->text = guarded;
      if (options->preset == REG_CAMPAIGN_PRESET_MAILCHIMP &&
          strlen (cell->text) > MAILCHIMP_MAX_BYTES)
        {
          const char *end = cell->text + MAILCHIMP_MAX_BYTES;

          /* back up to the start of a character */
          while (end > cell->text && ((guchar) *end & 0xC0) == 0x80)
            end--;
          cell->text[end - cell->text] = '\0';
        }
    }
}

static void
row_names (const RegCampaignRow *row, char **first, char **last)
{
  if (row->first_name != NULL || row->last_name != NULL)
    {
      *first = trim_spaces (row->first_name);
      *last = trim_spaces (row->last_name);
    }
  else
    reg_campaign_split_name (row->name, first, last);
}

/* ---- CSV ---------------------------------------------------------------------------------- */

static void
csv_append_text (GString *line, const char *text)
{
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
csv_append_cell (GString *line, const Cell *cell, guint exponent)
{
  switch (cell->kind)
    {
    case CELL_EMPTY:
      break;
    case CELL_TEXT:
      if (cell->text[0] != '\0')      /* empty stays empty, not "" */
        csv_append_text (line, cell->text);
      break;
    case CELL_MONEY:
      {
        g_autofree char *num = clv_money_format_number (cell->minor, exponent);
        g_string_append (line, num);
      }
      break;
    case CELL_COUNT:
      g_string_append_printf (line, "%u", cell->count);
      break;
    case CELL_FRACTION:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append (line, g_ascii_formatd (buf, sizeof buf, "%.4f", cell->fraction));
      }
      break;
    case CELL_DATE:
      {
        char buf[11];
        clv_date_format_iso_buf (cell->day, buf);
        g_string_append (line, buf);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
write_all (FILE *fp, const GString *s, const char *display, GError **error)
{
  if (fwrite (s->str, 1, s->len, fp) == s->len)
    return TRUE;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_WRITE, _("Could not write “%s”: %s"), display,
               g_strerror (errno));
  return FALSE;
}

static gboolean
csv_write_rows (FILE *fp, const char *display, const RegCampaignRow *rows, GArray *written,
                const RegCampaignOptions *options, GCancellable *cancellable, GError **error)
{
  g_autoptr(GString) line = g_string_sized_new (256);

  for (Column c = 0; c < N_COLUMNS; c++)
    if (column_enabled (options, c))
      {
        if (line->len > 0)
          g_string_append_c (line, ',');
        g_string_append (line, column_header (options, c));
      }
  g_string_append (line, "\r\n");
  if (!write_all (fp, line, display, error))
    return FALSE;

  for (guint k = 0; k < written->len; k++)
    {
      const RegCampaignRow *row = &rows[g_array_index (written, gsize, k)];
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      gboolean any = FALSE;

      if (k % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_string_truncate (line, 0);
      row_names (row, &first, &last);
      for (Column c = 0; c < N_COLUMNS; c++)
        if (column_enabled (options, c))
          {
            Cell cell;

            if (any)
              g_string_append_c (line, ',');
            any = TRUE;
            make_cell (row, options, c, first, last, TRUE, &cell);
            csv_append_cell (line, &cell, options->currency_exponent);
            cell_clear (&cell);
          }
      g_string_append (line, "\r\n");
      if (!write_all (fp, line, display, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * reg_campaign_write_csv:
 * @path: the .csv file (replaced if it exists)
 * @rows: the segment's customers; those without consent or address, and repeated addresses,
 *   are left out and counted in the result
 * @options: preset, columns, control group
 * @out_result: (out) (optional) (transfer full): who was written, held back and left out
 * @cancellable: (nullable): checked every 1,000 rows
 * @error: %REG_IO_ERROR_OPEN, %REG_IO_ERROR_WRITE or %G_IO_ERROR_CANCELLED
 *
 * Writes the treatment group as a UTF-8 CSV (comma, CRLF, text fields double-quoted with inner
 * quotes doubled, formula characters neutralised with a leading "'"). Nothing is left at @path
 * unless this returns %TRUE.
 */
gboolean
reg_campaign_write_csv (const char               *path,
                        const RegCampaignRow     *rows,
                        gsize                     n_rows,
                        const RegCampaignOptions *options,
                        RegCampaignResult       **out_result,
                        GCancellable             *cancellable,
                        GError                  **error)
{
  RegExportFile file = { 0 };
  g_autoptr(RegCampaignResult) result = NULL;
  g_autoptr(GArray) written = NULL;
  g_autofree char *display = NULL;
  FILE *fp;
  gboolean ok;

  g_return_val_if_fail (path != NULL && options != NULL, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  display = g_filename_display_name (path);
  result = plan (rows, n_rows, options, &written);
  if (!reg_export_file_begin (&file, path, error))
    return FALSE;
  fp = g_fopen (file.tmp_path, "wb");
  if (fp == NULL)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not write “%s”: %s"), display,
                   g_strerror (errno));
      reg_export_file_clear (&file);
      return FALSE;
    }
  ok = csv_write_rows (fp, display, rows, written, options, cancellable, error);
  if (fclose (fp) != 0 && ok)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_WRITE, _("Could not write “%s”: %s"),
                   display, g_strerror (errno));
      ok = FALSE;
    }
  if (ok)
    ok = reg_export_file_commit (&file, error);
  reg_export_file_clear (&file);
  if (ok && out_result != NULL)
    *out_result = g_steal_pointer (&result);
  return ok;
}

/* ---- XLSX --------------------------------------------------------------------------------- */

#define CHECK(expr)                                     \
  G_STMT_START {                                        \
    lxw_error check_rc_ = (expr);                       \
    if (check_rc_ != LXW_NO_ERROR)                      \
      return check_rc_;                                 \
  } G_STMT_END

typedef struct
{
  lxw_format *header;
  lxw_format *money;
  lxw_format *count;
  lxw_format *fraction;
  lxw_format *date;
} XlsxFormats;

static lxw_error
xlsx_write_cell (lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const Cell *cell,
                 const XlsxFormats *f, guint exponent)
{
  switch (cell->kind)
    {
    case CELL_EMPTY:
      return LXW_NO_ERROR;
    case CELL_TEXT:
      {
        g_autofree char *clean = reg_text_clean (cell->text);
        return clean[0] != '\0' ? worksheet_write_string (ws, r, c, clean, NULL) : LXW_NO_ERROR;
      }
    case CELL_MONEY:
      return worksheet_write_number (ws, r, c, reg_minor_to_major (cell->minor, exponent),
                                     f->money);
    case CELL_COUNT:
      return worksheet_write_number (ws, r, c, cell->count, f->count);
    case CELL_FRACTION:
      return worksheet_write_number (ws, r, c, cell->fraction, f->fraction);
    case CELL_DATE:
      return worksheet_write_number (ws, r, c, reg_excel_date_serial (cell->day), f->date);
    default:
      g_assert_not_reached ();
    }
  return LXW_NO_ERROR;
}

static gboolean
xlsx_write_rows (lxw_workbook *wb, const RegCampaignRow *rows, GArray *written,
                 const RegCampaignOptions *options, GCancellable *cancellable, GError **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Contacts");
  XlsxFormats f;
  g_autofree char *money_fmt = NULL;
  lxw_col_t col = 0;

  if (ws == NULL)
    {
      g_set_error_literal (error, REG_IO_ERROR, REG_IO_ERROR_WRITE,
                           _("Could not add the sheet to the workbook."));
      return FALSE;
    }
  f.header = workbook_add_format (wb);
  format_set_bold (f.header);
  if (options->currency_exponent == 0)
    money_fmt = g_strdup ("0");
  else
    {
      g_autofree char *zeros = g_strnfill (MIN (options->currency_exponent, 10), '0');
      money_fmt = g_strconcat ("0.", zeros, NULL);     /* no thousands separator */
    }
  f.money = workbook_add_format (wb);
  format_set_num_format (f.money, money_fmt);
  f.count = workbook_add_format (wb);
  format_set_num_format (f.count, "0");
  f.fraction = workbook_add_format (wb);
  format_set_num_format (f.fraction, "0.0000");
  f.date = workbook_add_format (wb);
  format_set_num_format (f.date, "yyyy-mm-dd");

  for (Column c = 0; c < N_COLUMNS; c++)
    if (column_enabled (options, c))
      {
        double width = c == COLUMN_EMAIL ? 32 : c == COLUMN_TAGS ? 24 : 16;

        if (!reg_lxw_ok (worksheet_set_column (ws, col, col, width, NULL), "Contacts", error) ||
            !reg_lxw_ok (worksheet_write_string (ws, 0, col, column_header (options, c),
                                                 f.header), "Contacts", error))
          return FALSE;
        col++;
      }
  worksheet_freeze_panes (ws, 1, 0);

  for (guint k = 0; k < written->len; k++)
    {
      const RegCampaignRow *row = &rows[g_array_index (written, gsize, k)];
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      if (k % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (k + 1 >= LXW_ROW_MAX)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                       _("The list has more than %u customers, the most a workbook sheet can "
                         "hold. Export it as CSV instead."), (guint) LXW_ROW_MAX - 1);
          return FALSE;
        }
      row_names (row, &first, &last);
      col = 0;
      for (Column c = 0; c < N_COLUMNS; c++)
        if (column_enabled (options, c))
          {
            Cell cell;
            lxw_error rc;

            make_cell (row, options, c, first, last, FALSE, &cell);
            rc = xlsx_write_cell (ws, k + 1, col++, &cell, &f, options->currency_exponent);
            cell_clear (&cell);
            if (!reg_lxw_ok (rc, "Contacts", error))
              return FALSE;
          }
    }
  if (written->len > 0)
    return reg_lxw_ok (worksheet_autofilter (ws, 0, 0, written->len, col - 1), "Contacts", error);
  return TRUE;
}

/**
 * reg_campaign_write_xlsx:
 *
 * Same as reg_campaign_write_csv() as a one-sheet workbook ("Contacts"): header row, text
 * written with worksheet_write_string() (a string cell is never a formula: no guard), amounts
 * and counts as numbers without thousands separators, dates as dates shown YYYY-MM-DD. Mailchimp imports CSV only:
 * with that preset this fails with %REG_IO_ERROR_FORMAT. Constant-memory mode, "C" numeric
 * locale.
 */
gboolean
reg_campaign_write_xlsx (const char               *path,
                         const RegCampaignRow     *rows,
                         gsize                     n_rows,
                         const RegCampaignOptions *options,
                         RegCampaignResult       **out_result,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  RegExportFile file = { 0 };
  RegNumericScope scope;
  g_autoptr(RegCampaignResult) result = NULL;
  g_autoptr(GArray) written = NULL;
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
  lxw_workbook *wb;
  lxw_error rc;
  gboolean ok;

  g_return_val_if_fail (path != NULL && options != NULL, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  if (options->preset == REG_CAMPAIGN_PRESET_MAILCHIMP)
    {
      g_set_error_literal (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT,
                           _("Mailchimp imports CSV files only: save the list as .csv."));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  result = plan (rows, n_rows, options, &written);
  if (!reg_export_file_begin (&file, path, error))
    return FALSE;

  reg_numeric_scope_enter (&scope);
  opts.tmpdir = (char *) g_get_tmp_dir ();
  wb = workbook_new_opt (file.tmp_path, &opts);
  if (wb == NULL)
    {
      g_set_error_literal (error, REG_IO_ERROR, REG_IO_ERROR_WRITE,
                           _("Could not start the workbook: out of memory or no temporary "
                             "folder."));
      ok = FALSE;
    }
  else
    {
      g_autoptr(GError) local = NULL;

      ok = xlsx_write_rows (wb, rows, written, options, cancellable, &local);
      rc = workbook_close (wb);     /* exactly once, also after a failure */
      if (ok)
        ok = reg_lxw_ok (rc, path, &local);
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&local));
    }
  reg_numeric_scope_leave (&scope);

  if (ok)
    ok = reg_export_file_commit (&file, error);
  reg_export_file_clear (&file);
  if (ok && out_result != NULL)
    *out_result = g_steal_pointer (&result);
  return ok;
}
