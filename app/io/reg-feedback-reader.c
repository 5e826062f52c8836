/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Survey results from CSV. The sniffer settles the encoding, the delimiter and the date order;
 * RegCsvReader yields the records; the header row is the first one (after any preamble) that
 * names an e-mail and a score column. Values go through the same helpers as the sales import
 * (e-mail, date) so that messages read alike. The reader counts the scores it has seen, which
 * is all reg_feedback_reader_settle_kind() needs once the last row is read. Runs on the
 * caller's thread; rows and issues belong to the caller.
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "reg-csv-reader.h"
#include "reg-feedback-mapping.h"
#include "reg-feedback-reader.h"
#include "reg-import-preset.h"
#include "reg-import-private.h"
#include "reg-io-error.h"
#include "reg-sniffer.h"

/* Records looked at for the header row. */
#define HEADER_SEARCH 60

struct _RegFeedbackReader
{
  RegCsvReader    *csv;             /* (owned) */
  RegImportCtx    *ctx;             /* (owned) display name, date order, queued issues */
  char             delimiter;
  guint            n_cols;
  char           **names;           /* (owned) header names as written (or "Column N") */
  int              col[REG_FEEDBACK_N_FIELDS];
  char            *column[REG_FEEDBACK_N_FIELDS];   /* (owned) (nullable) as in the mapping */
  RegFeedbackKind  header_kind;
  guint            rows_read;
  guint            n_scores, n_zero, n_above_five;
  gboolean         eof;
  gboolean         order_open;      /* every date so far fits both day and month first */
  RegFeedbackRow  *pending;         /* (owned) (nullable) a file without header: its first row */
};

static const char *const kind_names[] = { "auto", "nps", "csat" };
static const char *const field_names[REG_FEEDBACK_N_FIELDS] = { "email", "score", "date", "comment" };

/* Header names of each field after reg_header_normalise(), "|"-separated, the first found wins.
 * English, German and Spanish, as survey tools (Typeform, Google Forms, SurveyMonkey,
 * Delighted) and shop systems write them. */
static const char *const field_aliases[REG_FEEDBACK_N_FIELDS] = {
  "email|e-mail|email address|e-mail address|e-mail-adresse|emailadresse|e-mail adresse|mail|"
  "customer email|respondent email|contact email|correo|correo electrónico|correo electronico|"
  "email del cliente|dirección de correo|direccion de correo",
  "score|nps|csat|rating|nps score|csat score|nps-score|csat-score|score (0-10)|score (1-5)|"
  "satisfaction|satisfaction score|likelihood to recommend|recommendation|bewertung|punktzahl|"
  "punkte|zufriedenheit|weiterempfehlung|puntuación|puntuacion|valoración|valoracion|"
  "calificación|calificacion|satisfacción|satisfaccion|nota",
  "date|submitted|submitted at|submitted on|submission date|response date|responded at|"
  "answered at|completed at|created at|created|timestamp|survey date|datum|eingereicht|"
  "eingereicht am|antwortdatum|fecha|fecha de respuesta|enviado|marca temporal|day|when|wann|"
  "cuándo|cuando",
  "comment|comments|feedback|remarks|remark|text|response|answer|reason|why|kommentar|"
  "kommentare|anmerkung|anmerkungen|bemerkung|rückmeldung|begründung|comentario|comentarios|"
  "observaciones|motivo",
};

const char *
reg_feedback_kind_to_string (RegFeedbackKind kind)
{
  g_return_val_if_fail (kind <= REG_FEEDBACK_KIND_CSAT, NULL);
  return kind_names[kind];
}

gboolean
reg_feedback_kind_from_string (const char *text, RegFeedbackKind *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (text, kind_names[i]) == 0)
      {
        *out = (RegFeedbackKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
reg_feedback_field_to_string (RegFeedbackField field)
{
  g_return_val_if_fail (field < REG_FEEDBACK_N_FIELDS, NULL);
  return field_names[field];
}

void
reg_feedback_row_free (RegFeedbackRow *row)
{
  if (row == NULL)
    return;
  g_free (row->email);
  g_free (row->comment);
  g_free (row);
}

/* ---- columns ------------------------------------------------------------------------------ */

/* Column of the first alias (in alias order) present among the normalised names, or -1. */
static int
find_alias (const char *aliases, char *const *norm, guint n)
{
  for (const char *p = aliases; *p != '\0';)
    {
      const char *bar = strchr (p, '|');
      gsize len = bar != NULL ? (gsize) (bar - p) : strlen (p);

      for (guint i = 0; i < n; i++)
        if (strlen (norm[i]) == len && strncmp (norm[i], p, len) == 0)
          return (int) i;
      if (bar == NULL)
        break;
      p = bar + 1;
    }
  return -1;
}

/* Whether a mapping value names a column by position: "#N", N from 1. */
static gboolean
by_position (const char *column)
{
  guint64 idx;

  return column != NULL && column[0] == '#'
         && g_ascii_string_to_unsigned (column + 1, 10, 1, G_MAXINT, &idx, NULL);
}

/* Column of a mapping value: "#N" (1-based), else a header name. */
static int
find_mapped (const char *column, char *const *norm, guint n)
{
  g_autofree char *want = NULL;
  guint64 idx;

  if (column[0] == '#' && g_ascii_string_to_unsigned (column + 1, 10, 1, G_MAXINT, &idx, NULL))
    return (int) idx - 1;
  want = reg_header_normalise (column);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (norm[i], want))
      return (int) i;
  return -1;
}

static RegFeedbackKind
kind_of_name (const char *norm)
{
  static const char *const nps_words[] = { "nps", "recommend", "empfehl", "recomend" };
  static const char *const csat_words[] = { "csat", "satisf", "zufrieden" };

  for (gsize i = 0; i < G_N_ELEMENTS (nps_words); i++)
    if (strstr (norm, nps_words[i]) != NULL)
      return REG_FEEDBACK_KIND_NPS;
  for (gsize i = 0; i < G_N_ELEMENTS (csat_words); i++)
    if (strstr (norm, csat_words[i]) != NULL)
      return REG_FEEDBACK_KIND_CSAT;
  return REG_FEEDBACK_KIND_AUTO;
}

static GStrv
normalise_record (const RegCsvRecord *rec)
{
  GStrv norm = g_new0 (char *, rec->n_fields + 1);

  for (guint i = 0; i < rec->n_fields; i++)
    norm[i] = reg_header_normalise (rec->fields[i]);
  return norm;
}

gboolean
reg_feedback_header_looks_like_survey (const char *const *names, guint n)
{
  g_auto(GStrv) norm = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    norm[i] = reg_header_normalise (names[i]);
  if (find_alias (field_aliases[REG_FEEDBACK_FIELD_EMAIL], norm, n) < 0
      || find_alias (field_aliases[REG_FEEDBACK_FIELD_SCORE], norm, n) < 0)
    return FALSE;
  /* a sales export with an e-mail column and a "rating" of the product is still sales */
  return reg_preset_find_column (reg_preset_generic_variant (), REG_FIELD_AMOUNT, norm, n) < 0;
}

/* The columns the owner named, by field: @opts' mapping, else its mapping text. */
static gboolean
take_mapping (RegFeedbackReader *r, const RegFeedbackOptions *opts, GError **error)
{
  g_autoptr(RegFeedbackMapping) parsed = NULL;
  const RegFeedbackMapping *m = opts->columns;

  if (m == NULL && opts->mapping != NULL)
    {
      if ((parsed = reg_feedback_mapping_from_string (opts->mapping, error)) == NULL)
        return FALSE;
      m = parsed;
    }
  for (guint f = 0; m != NULL && f < REG_FEEDBACK_N_FIELDS; f++)
    r->column[f] = g_strdup (reg_feedback_mapping_get (m, (RegFeedbackField) f));
  return TRUE;
}

static gboolean parse_score (const char *text, int *out);

/* The column of the (normalised) record that @field comes from, by the mapping where it gives
 * one, else by the usual names; -1 when the record has none. */
static int
field_column (RegFeedbackReader *r, RegFeedbackField f, char *const *norm, guint n)
{
  int c = r->column[f] != NULL ? find_mapped (r->column[f], norm, n)
                               : find_alias (field_aliases[f], norm, n);
  return c >= 0 && (guint) c < n ? c : -1;
}

/* Whether the score column is given by position and the (normalised) record has a score
 * there: an answer, then, not a header. */
static gboolean
holds_positional_score (RegFeedbackReader *r, char *const *norm, guint n)
{
  int c = field_column (r, REG_FEEDBACK_FIELD_SCORE, norm, n);
  int score;

  return by_position (r->column[REG_FEEDBACK_FIELD_SCORE]) && c >= 0
         && parse_score (norm[c], &score);
}

/* Whether the (normalised) record names the e-mail and score columns, by the mapping where it
 * gives them, else by the usual names. A score column given by position names nothing, so a
 * record with a score there is an answer, not the header (a file without header line whose
 * columns are only partly mapped by position). */
static gboolean
is_header (RegFeedbackReader *r, char *const *norm, guint n)
{
  return field_column (r, REG_FEEDBACK_FIELD_EMAIL, norm, n) >= 0
         && field_column (r, REG_FEEDBACK_FIELD_SCORE, norm, n) >= 0
         && !holds_positional_score (r, norm, n);
}

static const char *
field_words (RegFeedbackField field)
{
  switch (field)
    {
    case REG_FEEDBACK_FIELD_EMAIL:
      return _("e-mail address");
    case REG_FEEDBACK_FIELD_SCORE:
      return _("score");
    case REG_FEEDBACK_FIELD_DATE:
      return _("date");
    case REG_FEEDBACK_FIELD_COMMENT:
    case REG_FEEDBACK_N_FIELDS:
    default:
      return _("comment");
    }
}

/* Every field to a column of the header @norm (NULL: a file without header, "#N" columns). */
static gboolean
resolve_columns (RegFeedbackReader *r, char *const *norm, GError **error)
{
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      int c = -1;

      if (r->column[f] != NULL)
        {
          c = norm != NULL ? find_mapped (r->column[f], norm, r->n_cols)
                           : find_mapped (r->column[f], (char *const[]) { NULL }, 0);
          if (c < 0 || (guint) c >= r->n_cols)
            {
              g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                           _("%s has no column “%s” (mapped to the field “%s”)"),
                           r->ctx->display_name, r->column[f], field_names[f]);
              return FALSE;
            }
        }
      else if (norm != NULL)
        c = find_alias (field_aliases[f], norm, r->n_cols);
      if (c < 0 && f != REG_FEEDBACK_FIELD_COMMENT)
        {
          g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                       _("%s: no column holds the %s; map one with %s=COLUMN"),
                       r->ctx->display_name, field_words (f), field_names[f]);
          return FALSE;
        }
      r->col[f] = c;
    }
  if (norm != NULL)
    r->header_kind = kind_of_name (norm[r->col[REG_FEEDBACK_FIELD_SCORE]]);
  return TRUE;
}

static void
set_names (RegFeedbackReader *r, const RegCsvRecord *header, guint n)
{
  r->n_cols = n;
  r->names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *trimmed = header != NULL && i < header->n_fields
                                 ? g_strstrip (g_strdup (header->fields[i])) : NULL;

      r->names[i] = trimmed != NULL && *trimmed != '\0' ? g_steal_pointer (&trimmed)
                                                         : g_strdup_printf (_("Column %u"), i + 1);
    }
}

static gboolean
mapping_by_position (RegFeedbackReader *r)
{
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    if (f != REG_FEEDBACK_FIELD_COMMENT && (r->column[f] == NULL || r->column[f][0] != '#'))
      return FALSE;
  return TRUE;
}

/* ---- rows --------------------------------------------------------------------------------- */

static const char *
cell (const RegCsvRecord *rec, int c)
{
  if (c < 0 || (guint) c >= rec->n_fields)
    return NULL;
  return rec->fields[c];
}

static const char *
col_name (RegFeedbackReader *r, RegFeedbackField f)
{
  int c = r->col[f];
  return c >= 0 && (guint) c < r->n_cols ? r->names[c] : field_names[f];
}

/* A whole number 0 .. 10, spaces around it allowed. */
static gboolean
parse_score (const char *text, int *out)
{
  const char *p = text;
  int value = 0, digits = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    p++;
  while (g_ascii_isdigit (*p))
    {
      value = value * 10 + (*p++ - '0');
      if (++digits > 2)
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (digits == 0 || *p != '\0' || value > 10)
    return FALSE;
  *out = value;
  return TRUE;
}

static RegFeedbackRow *
read_record (RegFeedbackReader *r, const RegCsvRecord *rec)
{
  g_autoptr(RegFeedbackRow) row = g_new0 (RegFeedbackRow, 1);
  const char *email = cell (rec, r->col[REG_FEEDBACK_FIELD_EMAIL]);
  const char *score = cell (rec, r->col[REG_FEEDBACK_FIELD_SCORE]);
  const char *date = cell (rec, r->col[REG_FEEDBACK_FIELD_DATE]);
  const char *comment = cell (rec, r->col[REG_FEEDBACK_FIELD_COMMENT]);

  row->line = rec->line;
  if (reg_text_is_blank (email))
    {
      reg_import_ctx_reject (r->ctx, rec->line, col_name (r, REG_FEEDBACK_FIELD_EMAIL), "",
                             _("the e-mail address is empty"));
      return NULL;
    }
  reg_row_set_email (&row->email, email);
  if (row->email == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” is not an e-mail address"), email);
      reg_import_ctx_reject (r->ctx, rec->line, col_name (r, REG_FEEDBACK_FIELD_EMAIL), email,
                             detail);
      return NULL;
    }
  if (reg_text_is_blank (score))
    {
      reg_import_ctx_reject (r->ctx, rec->line, col_name (r, REG_FEEDBACK_FIELD_SCORE), "",
                             _("the score is empty"));
      return NULL;
    }
  if (!parse_score (score, &row->score))
    {
      g_autofree char *detail =
        g_strdup_printf (_("“%s” is not a score: write a whole number from 0 to 10"), score);
      reg_import_ctx_reject (r->ctx, rec->line, col_name (r, REG_FEEDBACK_FIELD_SCORE), score,
                             detail);
      return NULL;
    }
  if (r->order_open && date != NULL && g_ascii_isdigit (date[strspn (date, " ")]))
    {
      /* no day above 12 in the file's head, and no amounts to hint at the country: dates
       * written with dots (05.03.2024) are day first wherever they are written so */
      const char *p = date + strspn (date, " ");
      gsize digits = strspn (p, "0123456789");

      if (digits >= 1 && digits <= 2 && p[digits] == '.')
        r->ctx->date_order = CLV_DATE_ORDER_DMY;
      r->order_open = FALSE;
    }
  if (!reg_import_ctx_parse_date (r->ctx, rec->line, col_name (r, REG_FEEDBACK_FIELD_DATE),
                                  date != NULL ? g_strstrip ((char *) date) : NULL, &row->day))
    return NULL;
  reg_row_set_text (&row->comment, comment);

  r->n_scores++;
  r->n_zero += row->score == 0;
  r->n_above_five += row->score > 5;
  return g_steal_pointer (&row);
}

static gboolean
record_is_blank (const RegCsvRecord *rec)
{
  for (guint i = 0; i < rec->n_fields; i++)
    if (!reg_text_is_blank (rec->fields[i]))
      return FALSE;
  return TRUE;
}

/* ---- construction ------------------------------------------------------------------------- */

/**
 * reg_feedback_reader_new:
 * @path: the survey export
 * @opts: (nullable): the owner's choices; everything left NULL or 0 is detected
 *
 * Opens the file and finds the header row and the columns.
 * Returns: (transfer full): the reader, or NULL with a %REG_IO_ERROR: OPEN, ENCODING, MAPPING
 *   (no e-mail, score or date column, a mapped column missing, a bad date format)
 */
RegFeedbackReader *
reg_feedback_reader_new (const char *path, const RegFeedbackOptions *opts, GError **error)
{
  static const RegFeedbackOptions no_opts = { 0 };
  g_autoptr(RegFeedbackReader) r = g_new0 (RegFeedbackReader, 1);
  g_autoptr(RegSniffResult) sniff = NULL;
  g_autoptr(GError) local = NULL;
  const RegCsvRecord *rec = NULL;
  gboolean seen_email = FALSE, seen_both = FALSE;
  RegFeedbackField missing;

  g_return_val_if_fail (path != NULL, NULL);
  if (opts == NULL)
    opts = &no_opts;
  r->ctx = reg_import_ctx_new (path);
  /* the import holds every answer until the kind is settled: the sales import's limit holds */
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > REG_IMPORT_MAX_FILE_SIZE)
      {
        g_autofree char *size = g_format_size ((guint64) st.st_size);
        g_autofree char *limit = g_format_size ((guint64) REG_IMPORT_MAX_FILE_SIZE);
        g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                     _("%s is %s, more than the %s Regulars reads in one import; export a shorter "
                       "period, or split the file, and import the parts one after the other"),
                     r->ctx->display_name, size, limit);
        return NULL;
      }
  }
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    r->col[f] = -1;
  if (!take_mapping (r, opts, error))
    return NULL;
  r->ctx->date_order = reg_date_order_from_format (opts->date_format);
  if (opts->date_format != NULL && r->ctx->date_order == CLV_DATE_ORDER_UNKNOWN)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
                   _("“%s” is not a date format: write it like %%d.%%m.%%Y or give the order "
                     "DMY, MDY or YMD"), opts->date_format);
      return NULL;
    }

  sniff = reg_sniff_file_internal (path, opts->encoding, opts->delimiter, "csv", NULL, error);
  if (sniff == NULL)
    return NULL;
  r->delimiter = opts->delimiter != 0 ? opts->delimiter
                 : sniff->delimiter != 0 ? sniff->delimiter : ',';
  if (r->ctx->date_order == CLV_DATE_ORDER_UNKNOWN)
    {
      r->ctx->date_order = sniff->date_order;
      r->order_open = sniff->date_order_confidence < 0.9;
    }
  r->csv = reg_csv_reader_new (path, opts->encoding, r->delimiter, error);
  if (r->csv == NULL)
    return NULL;

  /* the header row: the first record naming an e-mail and a score column */
  for (guint seen = 0; seen < HEADER_SEARCH;)
    {
      g_auto(GStrv) norm = NULL;

      if (!reg_csv_reader_next (r->csv, &rec, NULL, &local))
        break;
      if (record_is_blank (rec))
        continue;
      seen++;
      norm = normalise_record (rec);
      if (mapping_by_position (r))
        {
          /* columns by position: the first record is a header unless it holds a score */
          int sc = find_mapped (r->column[REG_FEEDBACK_FIELD_SCORE], norm, rec->n_fields);
          const char *value = cell (rec, sc);
          int score;

          if (value != NULL && parse_score (value, &score))
            {
              set_names (r, NULL, rec->n_fields);
              if (!resolve_columns (r, NULL, error))
                return NULL;
              r->rows_read++;
              r->pending = read_record (r, rec);
              return g_steal_pointer (&r);
            }
        }
      seen_email = seen_email
                   || (r->column[REG_FEEDBACK_FIELD_EMAIL] != NULL
                       ? find_mapped (r->column[REG_FEEDBACK_FIELD_EMAIL], norm, rec->n_fields)
                       : find_alias (field_aliases[REG_FEEDBACK_FIELD_EMAIL], norm, rec->n_fields)) >= 0;
      /* both, yet not a header: answers with a score column given by position */
      seen_both = seen_both
                  || (field_column (r, REG_FEEDBACK_FIELD_EMAIL, norm, rec->n_fields) >= 0
                      && field_column (r, REG_FEEDBACK_FIELD_SCORE, norm, rec->n_fields) >= 0);
      if (is_header (r, norm, rec->n_fields))
        {
          set_names (r, rec, rec->n_fields);
          if (!resolve_columns (r, norm, error))
            return NULL;
          return g_steal_pointer (&r);
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* no header found: say which column is missing, as the first records show them */
  missing = seen_both ? REG_FEEDBACK_FIELD_DATE
            : seen_email ? REG_FEEDBACK_FIELD_SCORE : REG_FEEDBACK_FIELD_EMAIL;
  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_MAPPING,
               _("%s: no column holds the %s; map one with %s=COLUMN"), r->ctx->display_name,
               field_words (missing), field_names[missing]);
  return NULL;
}

/**
 * reg_feedback_reader_next:
 * @row: (out) (transfer full) (nullable): the next answer
 * @issue: (out) (transfer full) (nullable): or the next rejected row
 *
 * Returns: %TRUE with exactly one of @row or @issue set; %FALSE at the end (@error unset) or on
 *   a fatal error (cancelled, unreadable bytes, an overlong line).
 */
gboolean
reg_feedback_reader_next (RegFeedbackReader *r, RegFeedbackRow **row, RegImportIssue **issue,
                          GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (r != NULL && row != NULL && issue != NULL, FALSE);

  *row = NULL;
  *issue = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  for (;;)
    {
      const RegCsvRecord *rec = NULL;
      RegImportRow *unused = NULL;
      g_autoptr(GError) local = NULL;

      if (reg_import_ctx_pop (r->ctx, &unused, issue))
        {
          reg_import_row_free (unused);
          return TRUE;
        }
      if (r->eof)
        return FALSE;
      if (r->pending != NULL)
        {
          *row = g_steal_pointer (&r->pending);
          return TRUE;
        }
      if (!reg_csv_reader_next (r->csv, &rec, cancellable, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          r->eof = TRUE;
          continue;
        }
      if (record_is_blank (rec))
        continue;
      r->rows_read++;
      *row = read_record (r, rec);
      if (*row != NULL)
        return TRUE;
    }
}

/* ---- the layout, for the import wizard ---------------------------------------------------- */

/* Records after the header line that the samples come from. */
#define SAMPLE_RECORDS 20
/* Longer header names are named by position in a mapping; longer samples are cut. */
#define MAX_NAME_CHARS 200
#define MAX_SAMPLE_CHARS 100

static void
column_free (RegFeedbackColumn *c)
{
  g_free (c->label);
  g_free (c->value);
  g_free (c->sample);
  g_free (c);
}

void
reg_feedback_layout_free (RegFeedbackLayout *layout)
{
  if (layout == NULL)
    return;
  g_clear_pointer (&layout->columns, g_ptr_array_unref);
  g_free (layout);
}

/* The first REG_FEEDBACK_LAYOUT_MAX_COLUMNS fields of @rec, NULL-terminated. */
static GStrv
copy_fields (const RegCsvRecord *rec)
{
  guint n = MIN (rec->n_fields, REG_FEEDBACK_LAYOUT_MAX_COLUMNS);
  GStrv out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (rec->fields[i]);
  return out;
}

/* Whether the header name of column @c (trimmed, normalised @norm) can stand for it in a
 * mapping: "field=Name" entries are split at commas, "#N" means a position, and a name found
 * earlier in the header would pick that earlier column. */
static gboolean
name_fits_mapping (const char *name, char *const *norm, guint c)
{
  guint64 unused;

  if (*name == '\0' || norm[c][0] == '\0' || strchr (name, ',') != NULL
      || g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    return FALSE;
  if (name[0] == '#' && g_ascii_string_to_unsigned (name + 1, 10, 1, G_MAXINT, &unused, NULL))
    return FALSE;
  for (guint k = 0; k < c; k++)
    if (g_str_equal (norm[k], norm[c]))
      return FALSE;
  return TRUE;
}

static RegCsvReader *
open_layout_csv (const char *path, const RegFeedbackOptions *opts, guint *sniffed_header,
                 GError **error)
{
  g_autoptr(RegSniffResult) sniff = reg_sniff_file_internal (path, opts->encoding, opts->delimiter,
                                                             "csv", NULL, error);
  char delimiter;

  if (sniff == NULL)
    return NULL;
  delimiter = opts->delimiter != 0 ? opts->delimiter
              : sniff->delimiter != 0 ? sniff->delimiter : ',';
  if (sniffed_header != NULL)
    *sniffed_header = sniff->header_line;
  return reg_csv_reader_new (path, opts->encoding, delimiter, error);
}

/**
 * reg_feedback_read_layout:
 * @opts: (nullable): encoding, delimiter and mapping as the reader will get them
 *
 * The header row is found as reg_feedback_reader_new() finds it (the first record that names
 * the e-mail and score columns, by the mapping where it gives them); when no record does, the
 * sniffer's idea of a header line stands in, so that the owner sees the names to choose from.
 * Returns: (transfer full): the layout, or NULL with a %REG_IO_ERROR (OPEN, ENCODING, TOO_LARGE,
 *   MAPPING for a malformed mapping)
 */
RegFeedbackLayout *
reg_feedback_read_layout (const char *path, const RegFeedbackOptions *opts, GError **error)
{
  static const RegFeedbackOptions no_opts = { 0 };
  g_autoptr(RegFeedbackReader) r = g_new0 (RegFeedbackReader, 1);
  g_autoptr(RegFeedbackLayout) layout = g_new0 (RegFeedbackLayout, 1);
  g_autoptr(RegCsvReader) csv = NULL;
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) fallback = NULL;
  g_auto(GStrv) norm = NULL;
  const RegCsvRecord *rec = NULL;
  guint sniffed_header = 0, fallback_line = 0, header_n = 0, width = 0;
  gboolean positional_data = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  if (opts == NULL)
    opts = &no_opts;
  r->ctx = reg_import_ctx_new (path);
  layout->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    layout->column_of[f] = -1;
  if (!take_mapping (r, opts, error))
    return NULL;

  /* the header row, as the reader looks for it */
  if ((csv = open_layout_csv (path, opts, &sniffed_header, error)) == NULL)
    return NULL;
  for (guint seen = 0; seen < HEADER_SEARCH;)
    {
      g_auto(GStrv) rec_norm = NULL;

      if (!reg_csv_reader_next (csv, &rec, NULL, &local))
        break;
      if (record_is_blank (rec))
        continue;
      seen++;
      rec_norm = normalise_record (rec);
      if (mapping_by_position (r))
        {
          int sc = find_mapped (r->column[REG_FEEDBACK_FIELD_SCORE], rec_norm, rec->n_fields);
          const char *value = cell (rec, sc);
          int score;

          if (value != NULL && parse_score (value, &score))
            {
              positional_data = TRUE;
              break;
            }
        }
      if (is_header (r, rec_norm, rec->n_fields))
        {
          header = copy_fields (rec);
          layout->header_line = rec->line;
          break;
        }
      if (fallback == NULL && rec->line == sniffed_header
          && !holds_positional_score (r, rec_norm, rec->n_fields))
        {
          fallback = copy_fields (rec);
          fallback_line = rec->line;
        }
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (header == NULL && !positional_data && fallback != NULL)
    {
      header = g_steal_pointer (&fallback);
      layout->header_line = fallback_line;
    }
  if (header != NULL)
    {
      header_n = g_strv_length (header);
      norm = g_new0 (char *, header_n + 1);
      for (guint i = 0; i < header_n; i++)
        norm[i] = reg_header_normalise (header[i]);
      width = header_n;
    }

  /* the columns and their first values, from the records after the header */
  g_clear_pointer (&csv, reg_csv_reader_free);
  if ((csv = open_layout_csv (path, opts, NULL, error)) == NULL)
    return NULL;
  {
    g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_free);

    for (guint seen = 0; seen < SAMPLE_RECORDS;)
      {
        if (!reg_csv_reader_next (csv, &rec, NULL, &local))
          break;
        if (rec->line <= layout->header_line || record_is_blank (rec))
          continue;
        seen++;
        width = MAX (width, MIN (rec->n_fields, REG_FEEDBACK_LAYOUT_MAX_COLUMNS));
        if (samples->len < width)
          g_ptr_array_set_size (samples, width);
        for (guint c = 0; c < width && c < rec->n_fields; c++)
          if (samples->pdata[c] == NULL && !reg_text_is_blank (rec->fields[c]))
            {
              g_autofree char *trimmed = g_strstrip (g_strdup (rec->fields[c]));
              samples->pdata[c] = g_utf8_strlen (trimmed, -1) > MAX_SAMPLE_CHARS
                                  ? g_utf8_substring (trimmed, 0, MAX_SAMPLE_CHARS)
                                  : g_steal_pointer (&trimmed);
            }
      }
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return NULL;
      }
    for (guint c = 0; c < width; c++)
      {
        RegFeedbackColumn *col = g_new0 (RegFeedbackColumn, 1);
        g_autofree char *name = c < header_n ? g_strstrip (g_strdup (header[c])) : NULL;

        col->label = name != NULL && *name != '\0' ? g_strdup (name)
                                                    : g_strdup_printf (_("Column %u"), c + 1);
        col->value = name != NULL && name_fits_mapping (name, norm, c)
                     ? g_strdup (name) : g_strdup_printf ("#%u", c + 1);
        col->sample = c < samples->len ? g_strdup (samples->pdata[c]) : NULL;
        g_ptr_array_add (layout->columns, col);
      }
  }

  /* where each field would be read from */
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      int c = -1;

      if (r->column[f] != NULL)
        c = header != NULL ? find_mapped (r->column[f], norm, header_n)
                           : find_mapped (r->column[f], (char *const[]) { NULL }, 0);
      else if (header != NULL)
        c = find_alias (field_aliases[f], norm, header_n);
      layout->column_of[f] = c >= 0 && (guint) c < width ? c : -1;
    }
  return g_steal_pointer (&layout);
}

/* ---- the kind of survey ------------------------------------------------------------------- */

gboolean
reg_feedback_reader_settle_kind (RegFeedbackReader *r, RegFeedbackKind forced,
                                 RegFeedbackKind *out, GError **error)
{
  if (forced != REG_FEEDBACK_KIND_AUTO)
    *out = forced;
  else if (r->header_kind != REG_FEEDBACK_KIND_AUTO)
    *out = r->header_kind;
  else if (r->n_zero > 0 || r->n_above_five > 0 || r->n_scores == 0)
    *out = REG_FEEDBACK_KIND_NPS;   /* only the 0 .. 10 scale has these (or nothing to import) */
  else
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_AMBIGUOUS,
                   _("%s: every score is between 1 and 5, which fits both an NPS survey (0 to 10) "
                     "and a CSAT survey (1 to 5): say which kind of survey the file holds"),
                   r->ctx->display_name);
      return FALSE;
    }
  return TRUE;
}

RegImportIssue *
reg_feedback_reader_check_score (RegFeedbackReader *r, const RegFeedbackRow *row,
                                 RegFeedbackKind kind)
{
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *reason = NULL;

  if (kind != REG_FEEDBACK_KIND_CSAT || (row->score >= 1 && row->score <= 5))
    return NULL;
  value = g_strdup_printf ("%d", row->score);
  detail = g_strdup_printf (_("%d is not a CSAT score: CSAT scores run from 1 to 5"), row->score);
  /* TRANSLATORS: "orders.csv, line 12, column “Total”: “12,3,4” is not an amount" */
  reason = g_strdup_printf (_("%s, line %u, column “%s”: %s"), r->ctx->display_name, row->line,
                            col_name (r, REG_FEEDBACK_FIELD_SCORE), detail);
  return reg_import_issue_new (row->line, col_name (r, REG_FEEDBACK_FIELD_SCORE), value, reason);
}

/* ---- getters ------------------------------------------------------------------------------ */

guint64
reg_feedback_reader_get_bytes_read (RegFeedbackReader *r)
{
  return reg_csv_reader_get_bytes_read (r->csv);
}

guint64
reg_feedback_reader_get_bytes_total (RegFeedbackReader *r)
{
  return reg_csv_reader_get_bytes_total (r->csv);
}

guint
reg_feedback_reader_get_rows_read (RegFeedbackReader *r)
{
  return r->rows_read;
}

const char *
reg_feedback_reader_get_display_name (RegFeedbackReader *r)
{
  return r->ctx->display_name;
}

const char *
reg_feedback_reader_get_encoding (RegFeedbackReader *r)
{
  return reg_csv_reader_get_encoding (r->csv);
}

char
reg_feedback_reader_get_delimiter (RegFeedbackReader *r)
{
  return r->delimiter;
}

const char *
reg_feedback_reader_get_date_order (RegFeedbackReader *r)
{
  return r->ctx->date_order != CLV_DATE_ORDER_UNKNOWN ? clv_date_order_id (r->ctx->date_order)
                                                      : NULL;
}

const char *
reg_feedback_reader_get_column (RegFeedbackReader *r, RegFeedbackField field)
{
  g_return_val_if_fail (field < REG_FEEDBACK_N_FIELDS, NULL);
  if (r->col[field] < 0)
    return NULL;
  return r->column[field] != NULL && r->column[field][0] == '#' ? r->column[field]
                                                                : r->names[r->col[field]];
}

int
reg_feedback_reader_get_column_index (RegFeedbackReader *r, RegFeedbackField field)
{
  g_return_val_if_fail (field < REG_FEEDBACK_N_FIELDS, -1);
  return r->col[field];
}

char *
reg_feedback_reader_dup_mapping (RegFeedbackReader *r)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    {
      const char *column = reg_feedback_reader_get_column (r, (RegFeedbackField) f);

      if (column == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "%s=%s", field_names[f], column);
    }
  return g_string_free (out, FALSE);
}

RegFeedbackKind
reg_feedback_reader_get_header_kind (RegFeedbackReader *r)
{
  return r->header_kind;
}

void
reg_feedback_reader_free (RegFeedbackReader *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->csv, reg_csv_reader_free);
  g_clear_pointer (&r->ctx, reg_import_ctx_free);
  g_strfreev (r->names);
  reg_feedback_row_free (r->pending);
  for (guint f = 0; f < REG_FEEDBACK_N_FIELDS; f++)
    g_free (r->column[f]);
  g_free (r);
}
