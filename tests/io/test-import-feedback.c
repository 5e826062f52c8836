/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The survey reader on small fixtures (tests/data/import/feedback-*.csv): header names in
 * English, German and Spanish after a preamble, semicolons and pipes, Windows-1252, quoted
 * comments over two lines, day-month dates (dotted ones day first even when every day is 12 or
 * less); every rejected row word for word; the kind of
 * survey from the score column's name, from the scores, or left open (1 .. 5 only) with
 * REG_IO_ERROR_AMBIGUOUS; CSAT scores out of range; mappings by name and by position; the
 * columns offered to the owner when the header names are not recognised.
 */
#include "reg-feedback-mapping.h"
#include "reg-feedback-reader.h"
#include "test-import-common.h"

typedef struct
{
  GPtrArray *rows;     /* RegFeedbackRow */
  GPtrArray *issues;   /* RegImportIssue */
} Answers;

static void
answers_free (Answers *a)
{
  g_ptr_array_unref (a->rows);
  g_ptr_array_unref (a->issues);
  g_free (a);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answers, answers_free)

static Answers *
read_all (RegFeedbackReader *r)
{
  g_autoptr(GError) error = NULL;
  Answers *a = g_new0 (Answers, 1);
  RegFeedbackRow *row;
  RegImportIssue *issue;

  a->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_feedback_row_free);
  a->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) reg_import_issue_free);
  while (reg_feedback_reader_next (r, &row, &issue, NULL, &error))
    {
      g_assert_true ((row == NULL) != (issue == NULL));
      if (row != NULL)
        g_ptr_array_add (a->rows, row);
      else
        g_ptr_array_add (a->issues, issue);
    }
  g_assert_no_error (error);
  return a;
}

static RegFeedbackReader *
open_fixture (const char *name, const RegFeedbackOptions *opts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture (name);
  RegFeedbackReader *r = reg_feedback_reader_new (path, opts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static const RegFeedbackRow *
row_at (Answers *a, guint i)
{
  g_assert_cmpuint (i, <, a->rows->len);
  return g_ptr_array_index (a->rows, i);
}

/* A survey tool's export: a title line and a blank line before the header, semicolons,
 * day-month dates, a comment over two lines, a blank line between answers, a 0 (NPS only). */
static void
test_nps (void)
{
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-nps.csv", NULL);
  g_autoptr(Answers) a = read_all (r);
  g_autofree char *mapping = reg_feedback_reader_dup_mapping (r);
  g_autoptr(GError) error = NULL;
  RegFeedbackKind kind = REG_FEEDBACK_KIND_AUTO;

  g_assert_cmpint (reg_feedback_reader_get_delimiter (r), ==, ';');
  g_assert_cmpstr (reg_feedback_reader_get_date_order (r), ==, "DMY");
  g_assert_cmpstr (mapping, ==, "email=E-Mail,score=NPS,date=Submitted,comment=Comment");
  g_assert_cmpuint (a->issues->len, ==, 0);
  g_assert_cmpuint (a->rows->len, ==, 4);
  g_assert_cmpuint (reg_feedback_reader_get_rows_read (r), ==, 4);

  g_assert_cmpuint (row_at (a, 0)->line, ==, 4);
  g_assert_cmpstr (row_at (a, 0)->email, ==, "ann@example.com");
  g_assert_cmpint (row_at (a, 0)->score, ==, 9);
  g_assert_cmpint (row_at (a, 0)->day, ==, ymd (2024, 3, 5));
  g_assert_cmpstr (row_at (a, 0)->comment, ==, "Great coffee");
  /* trimmed and lower-cased; the comment's line break is white space */
  g_assert_cmpuint (row_at (a, 1)->line, ==, 5);
  g_assert_cmpstr (row_at (a, 1)->email, ==, "bob@example.com");
  g_assert_cmpstr (row_at (a, 1)->comment, ==, "Slow service, cold cup");
  g_assert_cmpuint (row_at (a, 2)->line, ==, 8);
  g_assert_null (row_at (a, 2)->comment);
  g_assert_cmpint (row_at (a, 2)->day, ==, ymd (2024, 3, 13));
  g_assert_cmpint (row_at (a, 3)->score, ==, 0);
  g_assert_cmpstr (row_at (a, 3)->comment, ==, "Said \"never again\"");

  /* the header says NPS */
  g_assert_cmpint (reg_feedback_reader_get_header_kind (r), ==, REG_FEEDBACK_KIND_NPS);
  g_assert_true (reg_feedback_reader_settle_kind (r, REG_FEEDBACK_KIND_AUTO, &kind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_NPS);
  for (guint i = 0; i < a->rows->len; i++)
    g_assert_null (reg_feedback_reader_check_score (r, row_at (a, i), kind));
}

/* German names in Windows-1252 with CRLF: "Zufriedenheit" is satisfaction, so CSAT. */
static void
test_csat_german (void)
{
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-csat-de.csv", NULL);
  g_autoptr(Answers) a = read_all (r);
  g_autoptr(GError) error = NULL;
  RegFeedbackKind kind = REG_FEEDBACK_KIND_AUTO;
  g_autoptr(RegImportIssue) issue = NULL;

  g_assert_cmpstr (reg_feedback_reader_get_column (r, REG_FEEDBACK_FIELD_EMAIL), ==, "E-Mail-Adresse");
  g_assert_cmpstr (reg_feedback_reader_get_column (r, REG_FEEDBACK_FIELD_SCORE), ==, "Zufriedenheit");
  g_assert_cmpstr (reg_feedback_reader_get_column (r, REG_FEEDBACK_FIELD_DATE), ==, "Datum");
  g_assert_cmpstr (reg_feedback_reader_get_column (r, REG_FEEDBACK_FIELD_COMMENT), ==, "Kommentar");
  g_assert_cmpuint (a->issues->len, ==, 0);
  g_assert_cmpuint (a->rows->len, ==, 3);
  g_assert_cmpstr (row_at (a, 0)->comment, ==, "Sehr gut - danke");
  g_assert_cmpstr (row_at (a, 2)->email, ==, "jürgen@example.com");
  g_assert_cmpstr (row_at (a, 2)->comment, ==, "Schöne Grüße");
  g_assert_cmpint (reg_feedback_reader_get_header_kind (r), ==, REG_FEEDBACK_KIND_CSAT);
  g_assert_true (reg_feedback_reader_settle_kind (r, REG_FEEDBACK_KIND_AUTO, &kind, &error));
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_CSAT);

  /* forced NPS wins over the header */
  g_assert_true (reg_feedback_reader_settle_kind (r, REG_FEEDBACK_KIND_NPS, &kind, &error));
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_NPS);

  /* a 0 under CSAT is rejected with file, line, column and value */
  {
    RegFeedbackRow zero = { .line = 9, .email = (char *) "x@example.com", .score = 0 };
    issue = reg_feedback_reader_check_score (r, &zero, REG_FEEDBACK_KIND_CSAT);
    g_assert_nonnull (issue);
    g_assert_cmpuint (issue->line, ==, 9);
    g_assert_cmpstr (issue->field, ==, "Zufriedenheit");
    g_assert_cmpstr (issue->value, ==, "0");
    g_assert_cmpstr (issue->reason, ==, "feedback-csat-de.csv, line 9, column “Zufriedenheit”: "
                                        "0 is not a CSAT score: CSAT scores run from 1 to 5");
    g_assert_null (reg_feedback_reader_check_score (r, &zero, REG_FEEDBACK_KIND_NPS));
  }
}

/* Spanish names; every score within 1 .. 5 and a neutral column name: either scale fits. */
static void
test_ambiguous_spanish (void)
{
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-es.csv", NULL);
  g_autoptr(Answers) a = read_all (r);
  g_autoptr(GError) error = NULL;
  RegFeedbackKind kind = REG_FEEDBACK_KIND_AUTO;

  g_assert_cmpuint (a->rows->len, ==, 2);
  g_assert_cmpstr (reg_feedback_reader_get_column (r, REG_FEEDBACK_FIELD_EMAIL), ==, "Correo electrónico");
  g_assert_cmpstr (reg_feedback_reader_get_column (r, REG_FEEDBACK_FIELD_SCORE), ==, "Puntuación");
  g_assert_cmpint (reg_feedback_reader_get_header_kind (r), ==, REG_FEEDBACK_KIND_AUTO);
  g_assert_false (reg_feedback_reader_settle_kind (r, REG_FEEDBACK_KIND_AUTO, &kind, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_AMBIGUOUS);
  g_assert_cmpstr (error->message, ==, "feedback-es.csv: every score is between 1 and 5, which fits "
                                       "both an NPS survey (0 to 10) and a CSAT survey (1 to 5): say "
                                       "which kind of survey the file holds");
  g_clear_error (&error);
  g_assert_true (reg_feedback_reader_settle_kind (r, REG_FEEDBACK_KIND_CSAT, &kind, &error));
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_CSAT);
}

/* Every kind of bad row, each message word for word; the good last row still comes through,
 * and a score above 5 makes the file NPS. */
static void
test_bad_rows (void)
{
  static const struct { guint line; const char *field, *value, *reason; } expected[] = {
    { 2, "email", "", "feedback-bad.csv, line 2, column “email”: the e-mail address is empty" },
    { 3, "email", "not-an-address",
      "feedback-bad.csv, line 3, column “email”: “not-an-address” is not an e-mail address" },
    { 4, "score", "", "feedback-bad.csv, line 4, column “score”: the score is empty" },
    { 5, "score", "4.5",
      "feedback-bad.csv, line 5, column “score”: “4.5” is not a score: write a whole number from 0 to 10" },
    { 6, "score", "11",
      "feedback-bad.csv, line 6, column “score”: “11” is not a score: write a whole number from 0 to 10" },
    { 7, "date", "2024-02-30", "feedback-bad.csv, line 7, column “date”: “2024-02-30” is not a valid date" },
    { 8, "date", "", "feedback-bad.csv, line 8, column “date”: the date is empty" },
  };
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-bad.csv", NULL);
  g_autoptr(Answers) a = read_all (r);
  g_autoptr(GError) error = NULL;
  RegFeedbackKind kind;

  g_assert_cmpuint (reg_feedback_reader_get_rows_read (r), ==, 8);
  g_assert_cmpuint (a->issues->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const RegImportIssue *issue = g_ptr_array_index (a->issues, i);

      g_assert_cmpuint (issue->line, ==, expected[i].line);
      g_assert_cmpstr (issue->field, ==, expected[i].field);
      g_assert_cmpstr (issue->value, ==, expected[i].value);
      g_assert_cmpstr (issue->reason, ==, expected[i].reason);
    }
  g_assert_cmpuint (a->rows->len, ==, 1);
  g_assert_cmpuint (row_at (a, 0)->line, ==, 9);
  g_assert_cmpstr (row_at (a, 0)->comment, ==, "fine");
  g_assert_true (reg_feedback_reader_settle_kind (r, REG_FEEDBACK_KIND_AUTO, &kind, &error));
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_NPS);
}

/* German names, every day 12 or less: dates written with dots are day first. */
static void
test_dotted_dates (void)
{
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-dots.csv", NULL);
  g_autoptr(Answers) a = read_all (r);

  g_assert_cmpuint (a->issues->len, ==, 0);
  g_assert_cmpuint (a->rows->len, ==, 2);
  g_assert_cmpint (row_at (a, 0)->day, ==, ymd (2024, 3, 1));
  g_assert_cmpint (row_at (a, 1)->day, ==, ymd (2024, 4, 2));
  g_assert_cmpstr (row_at (a, 0)->comment, ==, "gut");
  g_assert_cmpstr (reg_feedback_reader_get_date_order (r), ==, "DMY");
  g_assert_cmpint (reg_feedback_reader_get_header_kind (r), ==, REG_FEEDBACK_KIND_AUTO);
}

/* No header: columns by position, pipes. */
static void
test_by_position (void)
{
  RegFeedbackOptions opts = { .mapping = "date=#1,email=#2,score=#3,comment=#4" };
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-noheader.csv", &opts);
  g_autoptr(Answers) a = read_all (r);

  g_assert_cmpint (reg_feedback_reader_get_delimiter (r), ==, '|');
  g_assert_cmpuint (a->issues->len, ==, 0);
  g_assert_cmpuint (a->rows->len, ==, 2);
  g_assert_cmpuint (row_at (a, 0)->line, ==, 1);
  g_assert_cmpstr (row_at (a, 0)->email, ==, "ann@example.com");
  g_assert_cmpint (row_at (a, 0)->score, ==, 8);
  g_assert_cmpint (row_at (a, 1)->day, ==, ymd (2024, 6, 2));
  g_assert_null (row_at (a, 1)->comment);
}

/* Columns named by the owner; mistakes in the mapping and missing columns say what to do. */
static void
test_mapping (void)
{
  g_autofree char *path = fixture ("feedback-es.csv");
  g_autoptr(GError) error = NULL;
  RegFeedbackOptions opts = { .mapping = "email=Correo electrónico, score=Puntuación, date=Fecha" };
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-es.csv", &opts);
  g_autoptr(Answers) a = read_all (r);
  g_autofree char *mapping = reg_feedback_reader_dup_mapping (r);

  g_assert_cmpuint (a->rows->len, ==, 2);
  /* the comment column is still found by its name */
  g_assert_cmpstr (mapping, ==, "email=Correo electrónico,score=Puntuación,date=Fecha,comment=Comentario");

  opts.mapping = "email=Correo electrónico,score=Nota,date=Fecha";
  g_assert_null (reg_feedback_reader_new (path, &opts, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "feedback-es.csv: no column holds the score; map one with score=COLUMN");
  g_clear_error (&error);

  opts.mapping = "stars=Puntuación";
  g_assert_null (reg_feedback_reader_new (path, &opts, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "“stars” is not a survey field: use email, score, date or comment");
  g_clear_error (&error);

  opts.mapping = "date=When";
  g_assert_null (reg_feedback_reader_new (path, &opts, &error));
  g_assert_cmpstr (error->message, ==, "feedback-es.csv has no column “When” (mapped to the field “date”)");
  g_clear_error (&error);

  opts.mapping = NULL;
  opts.date_format = "someday";
  g_assert_null (reg_feedback_reader_new (path, &opts, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_clear_error (&error);

  /* a sales export is not a survey */
  {
    g_autofree char *sales = fixture ("bad-rows.csv");
    g_assert_null (reg_feedback_reader_new (sales, NULL, &error));
    g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
    g_assert_nonnull (strstr (error->message, "no column holds the"));
  }
}

/* The columns as a value: read from --map's text and written back, mistakes named as the
 * reader names them, and given to the reader instead of text (winning over it). */
static void
test_mapping_object (void)
{
  g_autofree char *path = fixture ("feedback-es.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(RegFeedbackMapping) m = NULL;
  g_autoptr(RegFeedbackMapping) copy = NULL;
  g_autoptr(RegFeedbackMapping) bad = NULL;
  g_autofree char *text = NULL;
  g_autofree char *used = NULL;
  g_autoptr(RegFeedbackReader) r = NULL;
  g_autoptr(Answers) a = NULL;
  RegFeedbackOptions opts = { 0 };

  m = reg_feedback_mapping_from_string (" score = Puntuación ,email=Correo electrónico,", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reg_feedback_mapping_get (m, REG_FEEDBACK_FIELD_EMAIL), ==, "Correo electrónico");
  g_assert_cmpstr (reg_feedback_mapping_get (m, REG_FEEDBACK_FIELD_SCORE), ==, "Puntuación");
  g_assert_null (reg_feedback_mapping_get (m, REG_FEEDBACK_FIELD_DATE));
  g_assert_false (reg_feedback_mapping_is_empty (m));
  text = reg_feedback_mapping_to_string (m);
  g_assert_cmpstr (text, ==, "email=Correo electrónico,score=Puntuación");
  copy = reg_feedback_mapping_copy (m);
  g_assert_true (reg_feedback_mapping_equal (m, copy));
  reg_feedback_mapping_set (copy, REG_FEEDBACK_FIELD_DATE, "#3");
  g_assert_false (reg_feedback_mapping_equal (m, copy));
  reg_feedback_mapping_set (copy, REG_FEEDBACK_FIELD_DATE, NULL);
  g_assert_true (reg_feedback_mapping_equal (m, copy));
  g_assert_true (reg_feedback_mapping_is_empty (NULL));

  bad = reg_feedback_mapping_from_string ("email=E,email=F", &error);
  g_assert_null (bad);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "The field “email” is mapped twice");
  g_clear_error (&error);
  bad = reg_feedback_mapping_from_string ("score", &error);
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==, "“score” is not a mapping entry: write field=column");
  g_clear_error (&error);

  /* the object wins over text that names a column the file lacks */
  reg_feedback_mapping_set (m, REG_FEEDBACK_FIELD_SCORE, "#2");
  opts.columns = m;
  opts.mapping = "score=Nota";
  r = reg_feedback_reader_new (path, &opts, &error);
  g_assert_no_error (error);
  a = read_all (r);
  g_assert_cmpuint (a->rows->len, ==, 2);
  used = reg_feedback_reader_dup_mapping (r);
  g_assert_nonnull (strstr (used, "score=#2"));
}

static const RegFeedbackColumn *
column_at (const RegFeedbackLayout *layout, guint i)
{
  g_assert_cmpuint (i, <, layout->columns->len);
  return g_ptr_array_index (layout->columns, i);
}

static RegFeedbackLayout *
layout_of (const char *path, const char *mapping)
{
  g_autoptr(GError) error = NULL;
  RegFeedbackOptions opts = { .mapping = mapping };
  RegFeedbackLayout *layout = reg_feedback_read_layout (path, &opts, &error);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  return layout;
}

/* The columns the import wizard offers: header names nobody recognises ("Kunde", "Tag") are
 * still listed, with the one found by its name ("Punkte"); the owner's columns by name read
 * the file as the command line's --map does. */
static void
test_layout_unrecognised (void)
{
  g_autofree char *path = fixture ("feedback-unrecognised.csv");
  g_autoptr(RegFeedbackLayout) layout = layout_of (path, NULL);
  g_autoptr(GError) error = NULL;
  RegFeedbackOptions opts = { .mapping = "email=Kunde,date=Tag,comment=Notiz" };
  g_autoptr(RegFeedbackReader) r = NULL;
  g_autoptr(Answers) a = NULL;
  g_autofree char *mapping = NULL;

  /* the reader refuses it as it is */
  g_assert_null (reg_feedback_reader_new (path, NULL, &error));
  g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
  g_clear_error (&error);

  g_assert_cmpuint (layout->header_line, ==, 1);
  g_assert_cmpuint (layout->columns->len, ==, 4);
  g_assert_cmpstr (column_at (layout, 0)->label, ==, "Kunde");
  g_assert_cmpstr (column_at (layout, 0)->value, ==, "Kunde");
  g_assert_cmpstr (column_at (layout, 0)->sample, ==, "ann@example.com");
  g_assert_cmpstr (column_at (layout, 2)->sample, ==, "01.03.2024");
  g_assert_cmpstr (column_at (layout, 3)->value, ==, "Notiz");
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, -1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_SCORE], ==, 1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, -1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_COMMENT], ==, -1);
  g_clear_pointer (&layout, reg_feedback_layout_free);

  /* some fields assigned: the others still by name */
  layout = layout_of (path, "email=Kunde");
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, 0);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_SCORE], ==, 1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, -1);
  g_clear_pointer (&layout, reg_feedback_layout_free);

  layout = layout_of (path, opts.mapping);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, 0);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, 2);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_COMMENT], ==, 3);

  r = reg_feedback_reader_new (path, &opts, &error);
  g_assert_no_error (error);
  a = read_all (r);
  g_assert_cmpuint (a->issues->len, ==, 0);
  g_assert_cmpuint (a->rows->len, ==, 2);
  g_assert_cmpstr (row_at (a, 0)->email, ==, "ann@example.com");
  g_assert_cmpint (row_at (a, 0)->score, ==, 9);
  g_assert_cmpint (row_at (a, 0)->day, ==, ymd (2024, 3, 1));
  g_assert_cmpstr (row_at (a, 1)->comment, ==, "Zu langsam");
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    g_assert_cmpint (reg_feedback_reader_get_column_index (r, (RegFeedbackField) f), ==,
                     layout->column_of[f]);
  mapping = reg_feedback_reader_dup_mapping (r);
  g_assert_cmpstr (mapping, ==, "email=Kunde,score=Punkte,date=Tag,comment=Notiz");
}

/* No header line: columns by position, named "Column N" with their first values. A preamble
 * before the header is skipped as the reader skips it. */
static void
test_layout_positions (void)
{
  g_autofree char *path = fixture ("feedback-noheader.csv");
  g_autofree char *nps = fixture ("feedback-nps.csv");
  g_autoptr(RegFeedbackLayout) layout = layout_of (path, NULL);

  g_assert_cmpuint (layout->header_line, ==, 0);
  g_assert_cmpuint (layout->columns->len, ==, 4);
  g_assert_cmpstr (column_at (layout, 1)->label, ==, "Column 2");
  g_assert_cmpstr (column_at (layout, 1)->value, ==, "#2");
  g_assert_cmpstr (column_at (layout, 1)->sample, ==, "ann@example.com");
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    g_assert_cmpint (layout->column_of[f], ==, -1);
  g_clear_pointer (&layout, reg_feedback_layout_free);

  /* part of the columns by position: the first answer is not taken for a header */
  layout = layout_of (path, "email=#2,score=#3");
  g_assert_cmpuint (layout->header_line, ==, 0);
  g_assert_cmpstr (column_at (layout, 0)->value, ==, "#1");
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, 1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, -1);
  g_clear_pointer (&layout, reg_feedback_layout_free);
  {
    g_autoptr(GError) error = NULL;
    RegFeedbackOptions opts = { .mapping = "email=#2,score=#3" };

    g_assert_null (reg_feedback_reader_new (path, &opts, &error));
    g_assert_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING);
    g_assert_cmpstr (error->message, ==,
                     "feedback-noheader.csv: no column holds the date; map one with date=COLUMN");
  }

  layout = layout_of (path, "date=#1,email=#2,score=#3");
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, 1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_SCORE], ==, 2);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, 0);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_COMMENT], ==, -1);
  g_clear_pointer (&layout, reg_feedback_layout_free);

  layout = layout_of (nps, NULL);
  g_assert_cmpuint (layout->header_line, ==, 3);
  g_assert_cmpstr (column_at (layout, 0)->value, ==, "E-Mail");
  g_assert_cmpstr (column_at (layout, 0)->sample, ==, "ann@example.com");
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_EMAIL], ==, 0);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_SCORE], ==, 1);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_DATE], ==, 2);
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_COMMENT], ==, 3);
}

/* Header names a mapping cannot hold (empty, repeated, with a comma, looking like "#N") are
 * named by position, and the reader takes those positions. */
static void
test_layout_awkward_names (void)
{
  g_autofree char *dir = reg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "awkward.csv", NULL);
  g_autoptr(RegFeedbackLayout) layout = NULL;
  g_autoptr(RegFeedbackReader) r = NULL;
  g_autoptr(Answers) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) mapping = g_string_new (NULL);
  RegFeedbackOptions opts = { 0 };

  g_assert_true (g_file_set_contents (path,
                                      "Who,Score,Score,\"Rate us, please\",,#2\n"
                                      "ann@example.com,1,7,x,2024-01-02,c\n", -1, NULL));
  layout = layout_of (path, NULL);
  g_assert_cmpuint (layout->columns->len, ==, 6);
  g_assert_cmpstr (column_at (layout, 0)->value, ==, "Who");
  g_assert_cmpstr (column_at (layout, 1)->value, ==, "Score");
  g_assert_cmpstr (column_at (layout, 2)->label, ==, "Score");
  g_assert_cmpstr (column_at (layout, 2)->value, ==, "#3");
  g_assert_cmpstr (column_at (layout, 3)->value, ==, "#4");
  g_assert_cmpstr (column_at (layout, 4)->label, ==, "Column 5");
  g_assert_cmpstr (column_at (layout, 4)->value, ==, "#5");
  g_assert_cmpstr (column_at (layout, 5)->value, ==, "#6");
  g_assert_cmpint (layout->column_of[REG_FEEDBACK_FIELD_SCORE], ==, 1);

  /* the values, as the wizard passes them, pick the right columns */
  g_string_printf (mapping, "email=%s,score=%s,date=%s", column_at (layout, 0)->value,
                   column_at (layout, 2)->value, column_at (layout, 4)->value);
  opts.mapping = mapping->str;
  r = reg_feedback_reader_new (path, &opts, &error);
  g_assert_no_error (error);
  a = read_all (r);
  g_assert_cmpuint (a->rows->len, ==, 1);
  g_assert_cmpint (row_at (a, 0)->score, ==, 7);
  g_assert_cmpint (row_at (a, 0)->day, ==, ymd (2024, 1, 2));
  reg_test_rm_rf (dir);
}

static void
test_looks_like_survey (void)
{
  const char *survey[] = { "Submitted", "E-Mail", "NPS", "Comment" };
  const char *spanish[] = { "Fecha", "Correo electrónico", "Valoración" };
  const char *sales[] = { "Date", "Email", "Amount", "Rating" };
  const char *no_score[] = { "Date", "Email", "Comment" };

  g_assert_true (reg_feedback_header_looks_like_survey (survey, G_N_ELEMENTS (survey)));
  g_assert_true (reg_feedback_header_looks_like_survey (spanish, G_N_ELEMENTS (spanish)));
  g_assert_false (reg_feedback_header_looks_like_survey (sales, G_N_ELEMENTS (sales)));
  g_assert_false (reg_feedback_header_looks_like_survey (no_score, G_N_ELEMENTS (no_score)));
}

static void
test_kind_names (void)
{
  RegFeedbackKind kind;

  g_assert_true (reg_feedback_kind_from_string ("NPS", &kind));
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_NPS);
  g_assert_true (reg_feedback_kind_from_string ("csat", &kind));
  g_assert_cmpint (kind, ==, REG_FEEDBACK_KIND_CSAT);
  g_assert_false (reg_feedback_kind_from_string ("stars", &kind));
  g_assert_cmpstr (reg_feedback_kind_to_string (REG_FEEDBACK_KIND_CSAT), ==, "csat");
  g_assert_cmpstr (reg_feedback_field_to_string (REG_FEEDBACK_FIELD_COMMENT), ==, "comment");
}

static void
test_cancel (void)
{
  g_autoptr(RegFeedbackReader) r = open_fixture ("feedback-nps.csv", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RegFeedbackRow *row = NULL;
  RegImportIssue *issue = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (reg_feedback_reader_next (r, &row, &issue, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (row);
  g_assert_null (issue);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/io/feedback/nps", test_nps);
  g_test_add_func ("/io/feedback/csat-german", test_csat_german);
  g_test_add_func ("/io/feedback/ambiguous-spanish", test_ambiguous_spanish);
  g_test_add_func ("/io/feedback/bad-rows", test_bad_rows);
  g_test_add_func ("/io/feedback/dotted-dates", test_dotted_dates);
  g_test_add_func ("/io/feedback/by-position", test_by_position);
  g_test_add_func ("/io/feedback/mapping", test_mapping);
  g_test_add_func ("/io/feedback/mapping-object", test_mapping_object);
  g_test_add_func ("/io/feedback/layout-unrecognised", test_layout_unrecognised);
  g_test_add_func ("/io/feedback/layout-positions", test_layout_positions);
  g_test_add_func ("/io/feedback/layout-awkward-names", test_layout_awkward_names);
  g_test_add_func ("/io/feedback/looks-like-survey", test_looks_like_survey);
  g_test_add_func ("/io/feedback/kind-names", test_kind_names);
  g_test_add_func ("/io/feedback/cancel", test_cancel);
  return g_test_run ();
}
