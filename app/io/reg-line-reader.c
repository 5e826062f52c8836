/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Splits the decoder's UTF-8 chunks into lines, carrying a partial line across chunks in one
 * growing buffer that is bounded by REG_LINE_MAX.
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "reg-io-error.h"
#include "reg-line-reader.h"
#include "reg-text-decoder.h"

struct _RegLineReader
{
  RegTextDecoder *dec;       /* (owned) */
  GString        *line;      /* (owned) line being returned / assembled */
  const char     *chunk;     /* (unowned) decoder's current chunk */
  gsize           chunk_len;
  gsize           chunk_pos;
  guint           number;    /* of the line last returned */
  gboolean        after_cr;  /* the last line ended with CR: skip an LF that follows */
  gboolean        eof;
};

RegLineReader *
reg_line_reader_new (const char *path, const char *encoding, GError **error)
{
  RegTextDecoder *dec = reg_text_decoder_new (path, encoding, error);
  RegLineReader *lr;

  if (dec == NULL)
    return NULL;
  lr = g_new0 (RegLineReader, 1);
  lr->dec = dec;
  lr->line = g_string_sized_new (256);
  return lr;
}

gboolean
reg_line_reader_next (RegLineReader *lr, const char **line, guint *number,
                      GCancellable *cancellable, GError **error)
{
  g_string_truncate (lr->line, 0);
  *line = NULL;
  for (;;)
    {
      if (lr->chunk_pos >= lr->chunk_len)
        {
          if (lr->eof)
            {
              if (lr->line->len == 0)
                return FALSE;
              break;   /* last line without a line end */
            }
          if (!reg_text_decoder_read (lr->dec, &lr->chunk, &lr->chunk_len, cancellable, error))
            return FALSE;
          lr->chunk_pos = 0;
          if (lr->chunk_len == 0)
            lr->eof = TRUE;
          continue;
        }
      if (lr->after_cr)
        {
          lr->after_cr = FALSE;
          if (lr->chunk[lr->chunk_pos] == '\n')
            {
              lr->chunk_pos++;
              continue;
            }
        }
      {
        const char *start = lr->chunk + lr->chunk_pos;
        gsize avail = lr->chunk_len - lr->chunk_pos;
        gsize n = 0;

        /* the chunk is not NUL-terminated */
        while (n < avail && start[n] != '\n' && start[n] != '\r')
          n++;
        g_string_append_len (lr->line, start, (gssize) n);
        lr->chunk_pos += n;
        if (lr->line->len > REG_LINE_MAX)
          {
            g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_TOO_LARGE,
                         _("%s, line %u: the line is longer than %u kB"),
                         reg_text_decoder_get_display_name (lr->dec), lr->number + 1,
                         (guint) (REG_LINE_MAX / 1024));
            return FALSE;
          }
        if (lr->chunk_pos < lr->chunk_len)
          {
            lr->after_cr = lr->chunk[lr->chunk_pos] == '\r';
            lr->chunk_pos++;
            break;
          }
      }
    }
  lr->number++;
  *line = lr->line->str;
  *number = lr->number;
  return TRUE;
}

guint64
reg_line_reader_get_bytes_read (RegLineReader *lr)
{
  return reg_text_decoder_get_bytes_read (lr->dec);
}

guint64
reg_line_reader_get_bytes_total (RegLineReader *lr)
{
  return reg_text_decoder_get_bytes_total (lr->dec);
}

const char *
reg_line_reader_get_encoding (RegLineReader *lr)
{
  return reg_text_decoder_get_encoding (lr->dec);
}

void
reg_line_reader_free (RegLineReader *lr)
{
  if (lr == NULL)
    return;
  reg_text_decoder_free (lr->dec);
  g_string_free (lr->line, TRUE);
  g_free (lr);
}
