/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegFeedbackReader: survey results (NPS or CSAT) from a CSV file of any encoding and delimiter:
 * one answer per row with the respondent's e-mail address, the score, the date and an optional
 * comment. Columns are found by their header names (English, German, Spanish) or given by a
 * mapping; a row that cannot be read becomes a RegImportIssue naming file, line, column and
 * value. The kind of survey is settled for the whole file once every row is read (see
 * reg_feedback_reader_settle_kind). One thread at a time; the caller frees the reader and
 * every row and issue it hands out.
 */
#pragma once

#include <gio/gio.h>

#include "reg-import-row.h"

G_BEGIN_DECLS

/**
 * RegFeedbackKind:
 * @REG_FEEDBACK_KIND_AUTO: decide from the score column's name, else from the scores
 * @REG_FEEDBACK_KIND_NPS: "how likely are you to recommend us", 0 to 10
 * @REG_FEEDBACK_KIND_CSAT: satisfaction, 1 to 5
 */
typedef enum
{
  REG_FEEDBACK_KIND_AUTO,
  REG_FEEDBACK_KIND_NPS,
  REG_FEEDBACK_KIND_CSAT,
} RegFeedbackKind;

/* The columns a survey file is read from. */
typedef enum
{
  REG_FEEDBACK_FIELD_EMAIL,
  REG_FEEDBACK_FIELD_SCORE,
  REG_FEEDBACK_FIELD_DATE,
  REG_FEEDBACK_FIELD_COMMENT,
  REG_FEEDBACK_N_FIELDS
} RegFeedbackField;

/* "auto", "nps", "csat": as in the shop file and on the command line */
const char *reg_feedback_kind_to_string   (RegFeedbackKind  kind);
gboolean    reg_feedback_kind_from_string (const char      *text,
                                           RegFeedbackKind *out);
/* "email", "score", "date", "comment" */
const char *reg_feedback_field_to_string  (RegFeedbackField field);

typedef struct
{
  guint   line;      /* 1-based physical line where the row starts */
  char   *email;     /* (owned) lower-cased, trimmed */
  gint32  day;       /* Julian day (GDate) of the answer */
  int     score;     /* 0 .. 10; whether it fits the kind is checked once the kind is settled */
  char   *comment;   /* (owned) (nullable) white space collapsed */
} RegFeedbackRow;

void reg_feedback_row_free (RegFeedbackRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackRow, reg_feedback_row_free)

/* The columns each field is read from (reg-feedback-mapping.h). */
typedef struct _RegFeedbackMapping RegFeedbackMapping;

typedef struct
{
  const char *encoding;     /* (nullable) iconv name; NULL = detect */
  char        delimiter;    /* 0 = detect */
  const char *date_format;  /* (nullable) "%d.%m.%Y" or "DMY"/"MDY"/"YMD"; NULL = detect */
  const char *mapping;      /* (nullable) "email=E-Mail,score=NPS,…"; NULL = by header names */
  const RegFeedbackMapping *columns; /* (nullable) the columns as a mapping; wins over @mapping */
} RegFeedbackOptions;

typedef struct _RegFeedbackReader RegFeedbackReader;

RegFeedbackReader *reg_feedback_reader_new              (const char               *path,
                                                         const RegFeedbackOptions *opts,
                                                         GError                  **error);
gboolean           reg_feedback_reader_next             (RegFeedbackReader *r,
                                                         RegFeedbackRow   **row,
                                                         RegImportIssue   **issue,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
guint64            reg_feedback_reader_get_bytes_read   (RegFeedbackReader *r);
guint64            reg_feedback_reader_get_bytes_total  (RegFeedbackReader *r);
guint              reg_feedback_reader_get_rows_read    (RegFeedbackReader *r);
const char        *reg_feedback_reader_get_display_name (RegFeedbackReader *r);
const char        *reg_feedback_reader_get_encoding     (RegFeedbackReader *r);
char               reg_feedback_reader_get_delimiter    (RegFeedbackReader *r);
/* "DMY", "MDY", "YMD", or NULL when the file's dates left it open */
const char        *reg_feedback_reader_get_date_order   (RegFeedbackReader *r);
/* The header name (or "#N") each field is read from; NULL for a missing comment column. */
const char        *reg_feedback_reader_get_column       (RegFeedbackReader *r,
                                                         RegFeedbackField   field);
/* The position of the column @field is read from (0-based), or -1 for a missing comment. */
int                reg_feedback_reader_get_column_index (RegFeedbackReader *r,
                                                         RegFeedbackField   field);
/* "email=…,score=…,date=…[,comment=…]", the columns used, for the import's record */
char              *reg_feedback_reader_dup_mapping      (RegFeedbackReader *r);
/* NPS or CSAT when the score column's name says so ("NPS", "Zufriedenheit"), else AUTO. */
RegFeedbackKind    reg_feedback_reader_get_header_kind  (RegFeedbackReader *r);
/* Once every row is read: @forced when it is not AUTO, else the header's kind, else the
 * scores' (any 0 or any score above 5: NPS). Scores all within 1 .. 5 fit both scales: then
 * FALSE with %REG_IO_ERROR_AMBIGUOUS, and the owner has to say which survey it was. */
gboolean           reg_feedback_reader_settle_kind      (RegFeedbackReader *r,
                                                         RegFeedbackKind    forced,
                                                         RegFeedbackKind   *out,
                                                         GError           **error);
/* NULL when @row's score fits @kind, else the rejection (file, line, column, value). */
RegImportIssue    *reg_feedback_reader_check_score      (RegFeedbackReader    *r,
                                                         const RegFeedbackRow *row,
                                                         RegFeedbackKind       kind);
void               reg_feedback_reader_free             (RegFeedbackReader *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackReader, reg_feedback_reader_free)

/* One column of a survey file, as the import wizard offers it for a field. */
typedef struct
{
  char *label;    /* (owned) the header name as written, or "Column N" */
  char *value;    /* (owned) how a mapping names it: the header name, or "#N" when the file has
                   * no header line or the name is empty, repeated or cannot be written in a
                   * mapping */
  char *sample;   /* (owned) (nullable) the first value under it */
} RegFeedbackColumn;

/* The columns of a survey file and where each field would be read from, also when the reader
 * refuses the file for want of a column: what the owner needs to assign the columns. */
typedef struct
{
  GPtrArray *columns;                           /* (owned) RegFeedbackColumn, in file order */
  guint      header_line;                       /* 1-based physical line; 0 = no header line */
  int        column_of[REG_FEEDBACK_N_FIELDS];  /* index into @columns of the column each field
                                                 * comes from (the mapping's, else the one its
                                                 * name stands for), or -1 */
} RegFeedbackLayout;

/* At most this many columns are listed (the reader itself reads any number). */
#define REG_FEEDBACK_LAYOUT_MAX_COLUMNS 500

/* Reads the head of the file under @opts (encoding, delimiter, mapping). Fails like
 * reg_feedback_reader_new() on an unreadable file or a malformed mapping, never for want of a
 * column. */
RegFeedbackLayout *reg_feedback_read_layout             (const char               *path,
                                                         const RegFeedbackOptions *opts,
                                                         GError                  **error);
void               reg_feedback_layout_free             (RegFeedbackLayout *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegFeedbackLayout, reg_feedback_layout_free)

/* Whether a header row (as written in the file) names an e-mail and a score column and no
 * amount: what survey exports look like, unlike sales. */
gboolean           reg_feedback_header_looks_like_survey (const char *const *names,
                                                          guint              n);

G_END_DECLS
