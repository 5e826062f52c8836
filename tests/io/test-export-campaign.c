/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Campaign lists: who is left out and why, duplicates by address, the seeded control group,
 * the CSV byte for byte and read back as RFC 4180, formula injection neutralised in CSV and kept
 * as strings in XLSX, non-ASCII names intact, presets, cancel and errors.
 */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "clv-date.h"
#include "reg-campaign-writer.h"
#include "reg-io-error.h"
#include "reg-test-utils.h"

/* ---- helpers ------------------------------------------------------------------------------ */

static char *
unzip_member (const char *zip, const char *member)
{
  const char *argv[] = { "unzip", "-p", zip, member, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* RFC 4180 reader for the checks: records of fields, CRLF line ends, quotes doubled. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      if (*p == ',')
        {
          g_ptr_array_add (record, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (record, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else if (*p != '\0')
        {
          g_assert_false (*p == '"' || *p == '\n' || *p == '\r');   /* stray quote or bare LF */
          g_string_append_c (field, *p++);
        }
    }
  g_assert_cmpuint (field->len, ==, 0);       /* the file ends with CRLF */
  g_assert_cmpuint (record->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (record);
  return records;
}

static const char *
field (GPtrArray *records, guint r, guint c)
{
  GPtrArray *record = g_ptr_array_index (records, r);

  g_assert_cmpuint (c, <, record->len);
  return g_ptr_array_index (record, c);
}

/* ---- fixture ------------------------------------------------------------------------------ */

typedef struct
{
  GArray *rows;                /* of RegCampaignRow, cleared with reg_campaign_row_clear */
} Rows;

static void
clear_row (gpointer p)
{
  reg_campaign_row_clear (p);
}

static void
add (GArray *rows, gint64 id, const char *name, const char *email, gboolean consent,
     gint64 clv, gint32 last_day)
{
  RegCampaignRow row = { 0 };

  row.customer_id = id;
  row.name = g_strdup (name);
  row.email = g_strdup (email);
  row.email_consent = consent;
  row.predicted_clv = clv;
  row.total_spend = 12345;
  row.last_order_day = last_day;
  row.purchases = 3;
  row.probability_alive = 0.8125;
  row.segment = g_strdup ("Champions");
  g_array_append_val (rows, row);
}

static GArray *
make_rows (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (RegCampaignRow));
  gint32 day = clv_date_from_ymd (2024, 5, 1);

  g_array_set_clear_func (rows, clear_row);
  add (rows, 1, "Anna Maria Schmidt", "anna@example.org", TRUE, 123450, day);
  add (rows, 2, "=HYPERLINK(\"http://x\",\"y\")", "evil1@example.org", TRUE, 100, day);
  add (rows, 3, "+1", "+evil2@example.org", TRUE, -1, 0);          /* no CLV, no last order */
  add (rows, 4, "-2", "-evil3@example.org", TRUE, 0, day);
  add (rows, 5, "@SUM(A1)", "=evil4@example.org", TRUE, 0, day);
  add (rows, 6, "\tTabbed Name", "evil5@example.org", TRUE, 0, day);
  add (rows, 7, "\rCarriage Return", "evil6@example.org", TRUE, 0, day);
  add (rows, 8, "Zoë Brontë", "zoe@example.org", TRUE, 999, day);
  add (rows, 9, "Jürgen Müller", "juergen@example.de", TRUE, 999, day);
  add (rows, 10, "王芳", "wang@example.cn", TRUE, 999, day);
  add (rows, 11, "Łukasz Żółw", "lukasz@example.pl", TRUE, 999, day);
  add (rows, 12, "No Consent", "noconsent@example.org", FALSE, 999, day);
  add (rows, 13, "No Address", "", TRUE, 999, day);
  add (rows, 14, "Null Address", NULL, TRUE, 999, day);
  add (rows, 15, "Bad Address", "not an address", TRUE, 999, day);
  add (rows, 16, "Anna Again", "  ANNA@Example.ORG ", TRUE, 999, day);   /* duplicate of 1 */
  add (rows, 17, "Quote \"The Boss\", Jr", "boss@example.org", TRUE, 999, day);
  return rows;
}

static char *
read_file (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* ---- tests -------------------------------------------------------------------------------- */

static void
test_prepare (void)
{
  g_autoptr(GArray) rows = make_rows ();
  RegCampaignOptions opts;
  g_autoptr(RegCampaignResult) result = NULL;
  g_autofree char *text = NULL;

  reg_campaign_options_init (&opts);
  result = reg_campaign_prepare ((RegCampaignRow *) rows->data, rows->len, &opts);
  g_assert_cmpuint (result->n_rows, ==, 17);
  g_assert_cmpuint (result->n_no_consent, ==, 1);
  g_assert_cmpuint (result->n_no_email, ==, 2);
  g_assert_cmpuint (result->n_bad_email, ==, 1);
  g_assert_cmpuint (result->n_duplicate, ==, 1);
  g_assert_cmpuint (result->treatment->len, ==, 12);
  g_assert_cmpuint (result->control->len, ==, 0);
  g_assert_cmpint (g_array_index (result->treatment, gint64, 0), ==, 1);   /* first one kept */
  text = reg_campaign_result_describe (result);
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==, "12 customers on the list. Left out 5 of 17: 1 did not agree to emails; "
                             "2 have no email address; 1 has an address that is not an email "
                             "address; 1 shares an address with a customer already on the "
                             "list.");
}

static void
test_split_name (void)
{
  struct { const char *in, *first, *last; } cases[] = {
    { "Anna Maria Schmidt", "Anna Maria", "Schmidt" },
    { "  Zoë   Brontë ", "Zoë", "Brontë" },
    { "王芳", "王芳", "" },
    { "", "", "" },
    { NULL, "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      reg_campaign_split_name (cases[i].in, &first, &last);
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpstr (last, ==, cases[i].last);
    }
}

static void
test_split (void)
{
  gint64 ids[1000], reversed[1000];
  gsize n_control = 0, n2 = 0;
  g_autofree gboolean *a = NULL, *b = NULL, *c = NULL, *none = NULL, *all = NULL;
  guint same = 0;

  for (guint i = 0; i < 1000; i++)
    {
      ids[i] = 5000 + i * 7;
      reversed[999 - i] = ids[i];
    }
  a = reg_campaign_split (ids, 1000, 10, 42, &n_control);
  b = reg_campaign_split (reversed, 1000, 10, 42, &n2);
  c = reg_campaign_split (ids, 1000, 10, 43, NULL);
  g_assert_cmpuint (n_control, ==, 100);
  g_assert_cmpuint (n2, ==, 100);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_cmpint (a[i], ==, b[999 - i]);    /* same members, any order: same group */
      same += a[i] && c[i];
    }
  g_assert_cmpuint (same, <, 60);                /* another seed: another group */

  none = reg_campaign_split (ids, 1000, 0, 42, &n_control);
  g_assert_cmpuint (n_control, ==, 0);
  all = reg_campaign_split (ids, 1000, 100, 42, &n_control);
  g_assert_cmpuint (n_control, ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_false (none[i]);
      g_assert_true (all[i]);
    }
  g_clear_pointer (&none, g_free);
  none = reg_campaign_split (ids, 0, 50, 1, &n_control);
  g_assert_cmpuint (n_control, ==, 0);
}

static void
test_csv (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "list.csv", NULL);
  g_autoptr(GArray) rows = make_rows ();
  g_autoptr(RegCampaignResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  const char *campaign_tags[] = { "Spring 2025", "VIP, gold", NULL };
  char *anna_tags[] = { (char *) "regular", NULL };
  RegCampaignOptions opts;

  reg_campaign_options_init (&opts);
  opts.columns = REG_CAMPAIGN_COLUMNS_DEFAULT | REG_CAMPAIGN_COLUMN_TOTAL_SPEND |
                 REG_CAMPAIGN_COLUMN_PURCHASES;
  opts.tags = campaign_tags;
  g_array_index (rows, RegCampaignRow, 0).tags = g_strdupv (anna_tags);
  g_array_index (rows, RegCampaignRow, 3).total_spend = -1250;       /* a refund: a number */

  g_assert_true (reg_campaign_write_csv (path, (RegCampaignRow *) rows->data, rows->len, &opts,
                                         &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->treatment->len, ==, 12);
  g_assert_cmpuint (count_files (dir), ==, 1);
  text = read_file (path);

  /* byte for byte: header, first row, a guarded row */
  g_assert_true (g_str_has_prefix (text,
    "Email Address,First Name,Last Name,Tags,Segment,Predicted CLV,Last Order Date,Total Spend,"
    "Purchases\r\n"
    "\"anna@example.org\",\"Anna Maria\",\"Schmidt\",\"regular,Spring 2025,\"\"VIP, gold\"\"\","
    "\"Champions\",1234.50,2024-05-01,123.45,3\r\n"
    "\"evil1@example.org\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,\"Spring 2025,"
    "\"\"VIP, gold\"\"\",\"Champions\",1.00,2024-05-01,123.45,3\r\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_false (g_str_has_prefix (text, "\xef\xbb\xbf"));

  records = parse_csv (text);
  g_assert_cmpuint (records->len, ==, 13);
  for (guint r = 0; r < records->len; r++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (records, r))->len, ==, 9);
  /* formula characters neutralised; numbers and dates stay numbers */
  g_assert_cmpstr (field (records, 2, 1), ==, "'=HYPERLINK(\"http://x\",\"y\")");
  g_assert_cmpstr (field (records, 3, 1), ==, "'+1");
  g_assert_cmpstr (field (records, 3, 5), ==, "");               /* CLV not available */
  g_assert_cmpstr (field (records, 3, 6), ==, "");
  g_assert_cmpstr (field (records, 4, 1), ==, "'-2");
  g_assert_cmpstr (field (records, 4, 7), ==, "-12.50");
  g_assert_cmpstr (field (records, 5, 1), ==, "'@SUM(A1)");
  g_assert_cmpstr (field (records, 6, 1), ==, "'\tTabbed");
  g_assert_cmpstr (field (records, 6, 2), ==, "Name");
  g_assert_cmpstr (field (records, 7, 1), ==, "'\rCarriage");
  /* valid addresses that start with + - = are written as they are: a guard would break them */
  g_assert_cmpstr (field (records, 3, 0), ==, "+evil2@example.org");
  g_assert_cmpstr (field (records, 4, 0), ==, "-evil3@example.org");
  g_assert_cmpstr (field (records, 5, 0), ==, "=evil4@example.org");
  g_assert_nonnull (strstr (text, ",-12.50,"));
  g_assert_null (strstr (text, "\"-12.50\""));
  g_assert_null (strstr (text, "'-12.50"));
  /* non-ASCII intact */
  g_assert_cmpstr (field (records, 8, 1), ==, "Zoë");
  g_assert_cmpstr (field (records, 8, 2), ==, "Brontë");
  g_assert_cmpstr (field (records, 9, 2), ==, "Müller");
  g_assert_cmpstr (field (records, 10, 1), ==, "王芳");
  g_assert_cmpstr (field (records, 11, 1), ==, "Łukasz");
  g_assert_cmpstr (field (records, 11, 2), ==, "Żółw");
  /* quotes and commas in a name survive the round trip */
  g_assert_cmpstr (field (records, 12, 1), ==, "Quote \"The Boss\",");
  g_assert_cmpstr (field (records, 12, 2), ==, "Jr");
  /* left out: no consent, no address, bad address, the duplicate */
  g_assert_null (strstr (text, "noconsent@"));
  g_assert_null (strstr (text, "not an address"));
  g_assert_null (strstr (text, "ANNA@"));

  reg_test_rm_rf (dir);
}

static void
test_control_group (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "list.csv", NULL);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (RegCampaignRow));
  g_autoptr(RegCampaignResult) result = NULL;
  g_autoptr(RegCampaignResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RegCampaignOptions opts;

  g_array_set_clear_func (rows, clear_row);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *email = g_strdup_printf ("c%u@example.org", i);
      add (rows, 100 + i, "Some Body", email, TRUE, 100, clv_date_from_ymd (2024, 1, 1));
    }
  reg_campaign_options_init (&opts);
  opts.control_percent = 20;
  opts.seed = 7;
  g_assert_true (reg_campaign_write_csv (path, (RegCampaignRow *) rows->data, rows->len, &opts,
                                         &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->control->len, ==, 40);
  g_assert_cmpuint (result->treatment->len, ==, 160);
  again = reg_campaign_prepare ((RegCampaignRow *) rows->data, rows->len, &opts);
  g_assert_cmpmem (again->control->data, again->control->len * sizeof (gint64),
                   result->control->data, result->control->len * sizeof (gint64));

  text = read_file (path);
  for (guint i = 0; i < result->control->len; i++)
    {
      gint64 id = g_array_index (result->control, gint64, i);
      g_autofree char *needle = g_strdup_printf ("\"c%u@example.org\"", (guint) (id - 100));

      g_assert_null (strstr (text, needle));       /* control members are not in the file */
    }
  for (guint i = 0; i < result->treatment->len; i++)
    {
      gint64 id = g_array_index (result->treatment, gint64, i);
      g_autofree char *needle = g_strdup_printf ("\"c%u@example.org\"", (guint) (id - 100));

      g_assert_nonnull (strstr (text, needle));
    }
  reg_test_rm_rf (dir);
}

static void
test_presets (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *csv = g_build_filename (dir, "brevo.csv", NULL);
  g_autofree char *klaviyo = g_build_filename (dir, "klaviyo.csv", NULL);
  g_autofree char *mc_xlsx = g_build_filename (dir, "mailchimp.xlsx", NULL);
  g_autofree char *mc_csv = g_build_filename (dir, "mailchimp.csv", NULL);
  g_autoptr(GArray) rows = make_rows ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RegCampaignOptions opts;
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;

  reg_campaign_options_init (&opts);
  opts.preset = REG_CAMPAIGN_PRESET_BREVO;
  opts.columns = REG_CAMPAIGN_COLUMN_PROBABILITY_ALIVE;
  g_assert_true (reg_campaign_write_csv (csv, (RegCampaignRow *) rows->data, rows->len, &opts,
                                         NULL, NULL, &error));
  g_assert_no_error (error);
  text = read_file (csv);
  g_assert_true (g_str_has_prefix (text, "EMAIL,FIRSTNAME,LASTNAME,TAGS,PROBABILITY_ALIVE\r\n"
                                         "\"anna@example.org\",\"Anna Maria\",\"Schmidt\",,0.8125"
                                         "\r\n"));
  g_clear_pointer (&text, g_free);

  opts.preset = REG_CAMPAIGN_PRESET_KLAVIYO;
  opts.columns = 0;
  g_assert_true (reg_campaign_write_csv (klaviyo, (RegCampaignRow *) rows->data, rows->len, &opts,
                                         NULL, NULL, &error));
  text = read_file (klaviyo);
  g_assert_true (g_str_has_prefix (text, "Email Address,First Name,Last Name,Tags,"
                                         "Email Marketing Consent\r\n"
                                         "\"anna@example.org\",\"Anna Maria\",\"Schmidt\",,"
                                         "\"Subscribed\"\r\n"));
  g_clear_pointer (&text, g_free);

  /* Mailchimp: CSV only, text clipped to 255 bytes on a character boundary */
  opts.preset = REG_CAMPAIGN_PRESET_MAILCHIMP;
  g_assert_false (reg_campaign_write_xlsx (mc_xlsx, (RegCampaignRow *) rows->data, rows->len,
                                           &opts, NULL, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_FORMAT);
  g_clear_error (&error);
  g_assert_false (g_file_test (mc_xlsx, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < 200; i++)
    g_string_append (long_name, "ü");
  g_free (g_array_index (rows, RegCampaignRow, 0).name);
  g_array_index (rows, RegCampaignRow, 0).name = g_strconcat (long_name->str, " X", NULL);
  g_assert_true (reg_campaign_write_csv (mc_csv, (RegCampaignRow *) rows->data, rows->len, &opts,
                                         NULL, NULL, &error));
  text = read_file (mc_csv);
  records = parse_csv (text);
  g_assert_cmpuint (strlen (field (records, 1, 1)), ==, 254);
  g_assert_true (g_utf8_validate (field (records, 1, 1), -1, NULL));
  reg_test_rm_rf (dir);
}

static void
check_xlsx (const char *path)
{
  g_autofree char *sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
  g_autofree char *styles = unzip_member (path, "xl/styles.xml");
  g_autoptr(GRegex) comma = g_regex_new ("<v>-?[0-9]+,[0-9]+</v>", 0, 0, NULL);
  /* string cells are never formulas: names and addresses as they are, no apostrophe */
  const char *inert[] = {
    "<c r=\"B3\" t=\"inlineStr\"><is><t>=HYPERLINK(\"http://x\",\"y\")</t></is></c>",
    "<c r=\"B4\" t=\"inlineStr\"><is><t>+1</t></is></c>",
    "<c r=\"B5\" t=\"inlineStr\"><is><t>-2</t></is></c>",
    "<c r=\"B6\" t=\"inlineStr\"><is><t>@SUM(A1)</t></is></c>",
    "<t>+evil2@example.org</t>", "<t>-evil3@example.org</t>", "<t>=evil4@example.org</t>",
    "<t>Zoë</t>", "<t>Brontë</t>", "<t>Müller</t>", "<t>王芳</t>", "<t>Łukasz</t>", "<t>Żółw</t>",
  };

  g_test_message ("%s", sheet);
  for (guint i = 0; i < G_N_ELEMENTS (inert); i++)
    g_assert_nonnull (strstr (sheet, inert[i]));
  g_assert_null (strstr (sheet, "<t>'"));
  g_assert_null (strstr (sheet, "<f>"));
  g_assert_null (strstr (sheet, "t=\"str\""));
  g_assert_nonnull (strstr (sheet, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>Email Address</t>"));
  g_assert_nonnull (strstr (sheet, "<c r=\"F2\" s=\"2\"><v>1234.5</v></c>"));   /* CLV, 0.00 */
  g_assert_nonnull (strstr (sheet, "<c r=\"G2\" s=\"3\"><v>45413</v></c>"));    /* 2024-05-01 */
  g_assert_nonnull (strstr (sheet, "<c r=\"H5\" s=\"2\"><v>-12.5</v></c>"));    /* refund */
  g_assert_null (strstr (sheet, "<c r=\"F4\""));                                /* no CLV */
  g_assert_false (g_regex_match (comma, sheet, 0, NULL));
  g_assert_nonnull (strstr (styles, "formatCode=\"0.00\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"yyyy-mm-dd\""));
  g_assert_null (strstr (styles, "#,##"));
}

static void
test_xlsx (void)
{
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autofree char *dir = NULL, *path = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RegCampaignResult) result = NULL;
  RegCampaignOptions opts;
  char *old;

  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }
  dir = reg_test_make_tmpdir ();
  path = g_build_filename (dir, "list.xlsx", NULL);
  rows = make_rows ();
  g_array_index (rows, RegCampaignRow, 3).total_spend = -1250;
  reg_campaign_options_init (&opts);
  opts.columns |= REG_CAMPAIGN_COLUMN_TOTAL_SPEND;
  g_assert_true (reg_campaign_write_xlsx (path, (RegCampaignRow *) rows->data, rows->len, &opts,
                                          &result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->treatment->len, ==, 12);
  check_xlsx (path);

  /* the same under a German locale: still dot decimals */
  old = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    g_test_message ("de_DE.UTF-8 not installed: locale part skipped");
  else
    {
      g_unlink (path);
      g_assert_true (reg_campaign_write_xlsx (path, (RegCampaignRow *) rows->data, rows->len,
                                              &opts, NULL, NULL, &error));
      setlocale (LC_ALL, old);
      check_xlsx (path);
    }
  setlocale (LC_ALL, old);
  g_free (old);
  reg_test_rm_rf (dir);
}

static void
test_cancel_and_errors (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "list.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "list.xlsx", NULL);
  g_autofree char *missing = g_build_filename (dir, "nope", "list.csv", NULL);
  g_autoptr(GArray) rows = make_rows ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RegCampaignResult *result = NULL;
  RegCampaignOptions opts;

  reg_campaign_options_init (&opts);
  g_cancellable_cancel (cancellable);
  g_assert_false (reg_campaign_write_csv (path, (RegCampaignRow *) rows->data, rows->len, &opts,
                                          &result, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_clear_error (&error);
  g_assert_false (reg_campaign_write_xlsx (xlsx, (RegCampaignRow *) rows->data, rows->len, &opts,
                                           &result, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  g_assert_false (reg_campaign_write_csv (missing, (RegCampaignRow *) rows->data, rows->len,
                                          &opts, &result, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN);
  g_assert_null (result);
  reg_test_rm_rf (dir);
}

/* An empty segment still gives a file with the header row. */
static void
test_empty (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  RegCampaignOptions opts;

  reg_campaign_options_init (&opts);
  opts.columns = 0;
  g_assert_true (reg_campaign_write_csv (path, NULL, 0, &opts, NULL, NULL, &error));
  g_assert_no_error (error);
  text = read_file (path);
  g_assert_cmpstr (text, ==, "Email Address,First Name,Last Name,Tags\r\n");
  reg_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/io/export-campaign/prepare", test_prepare);
  g_test_add_func ("/io/export-campaign/split-name", test_split_name);
  g_test_add_func ("/io/export-campaign/split", test_split);
  g_test_add_func ("/io/export-campaign/csv", test_csv);
  g_test_add_func ("/io/export-campaign/control-group", test_control_group);
  g_test_add_func ("/io/export-campaign/presets", test_presets);
  g_test_add_func ("/io/export-campaign/xlsx", test_xlsx);
  g_test_add_func ("/io/export-campaign/cancel-and-errors", test_cancel_and_errors);
  g_test_add_func ("/io/export-campaign/empty", test_empty);
  return g_test_run ();
}
