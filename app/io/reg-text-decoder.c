/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text decoding for the import readers: detect the encoding from the head of the file (BOM, UTF-16
 * zero-byte pattern, UTF-8 validity, then uchardet) and convert chunk by chunk to UTF-8 with
 * GIConv, carrying incomplete sequences over chunk boundaries. Files whose head is plain ASCII but
 * which turn out not to be UTF-8 further on are read on as Windows-1252 from there.
 */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <uchardet/uchardet.h>

#include "reg-io-error.h"
#include "reg-text-decoder.h"

struct _RegTextDecoder
{
  GInputStream *in;             /* (owned) */
  char         *display_name;   /* (owned) file name for messages */
  const char   *encoding;       /* (interned) label shown to the user */
  double        confidence;
  gboolean      has_bom;
  gboolean      passthrough;    /* UTF-8 in, UTF-8 out: validate only */
  gboolean      may_fallback;   /* head was ASCII: invalid UTF-8 later means Windows-1252 */
  GIConv        cd;             /* (nullable) (owned) */
  guint8       *raw;            /* (owned) REG_TEXT_DECODER_CHUNK bytes */
  gsize         raw_pos;        /* first unconsumed byte */
  gsize         raw_len;        /* bytes held */
  char         *out;            /* (owned) converted text */
  gsize         out_cap;
  guint64       bytes_read;
  guint64       bytes_total;
  guint64       lines;          /* newlines handed out so far */
  gboolean      eof;
};

static gboolean
looks_utf16 (const guint8 *data, gsize len, gboolean *little_endian)
{
  gsize zeros_even = 0, zeros_odd = 0, n = len & ~(gsize) 1;

  if (n < 4)
    return FALSE;
  for (gsize i = 0; i < n; i += 2)
    {
      zeros_even += data[i] == 0;
      zeros_odd += data[i + 1] == 0;
    }
  /* mostly ASCII text in UTF-16 has a zero in every other byte */
  if (zeros_odd * 10 > n / 2 * 3 && zeros_even * 20 < n / 2)
    {
      *little_endian = TRUE;
      return TRUE;
    }
  if (zeros_even * 10 > n / 2 * 3 && zeros_odd * 20 < n / 2)
    {
      *little_endian = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* Valid UTF-8 except perhaps a sequence cut off by the end of the buffer. */
static gboolean
valid_utf8_head (const guint8 *data, gsize len, gboolean *ascii)
{
  const char *end;
  gsize i;

  for (i = 0; i < len && data[i] < 0x80; i++)
    ;
  *ascii = i == len;
  if (*ascii)
    return TRUE;
  if (g_utf8_validate ((const char *) data, (gssize) len, &end))
    return TRUE;
  /* a multi-byte sequence cut by the end of the head */
  return len - (gsize) ((const guint8 *) end - data) < 4 && ((const guint8 *) end)[0] >= 0xc0
         && g_utf8_get_char_validated (end, (gssize) (len - (gsize) ((const guint8 *) end - data)))
              == (gunichar) -2;
}

/**
 * reg_text_detect_encoding:
 * @data: the head of a file
 * @bom_len: (out): length of a byte-order mark to skip, or 0
 * @confidence: (out) (optional): how sure the guess is, 0..1
 *
 * Returns: an iconv name: "UTF-8", "UTF-16LE", "UTF-16BE", "ISO-8859-1", "WINDOWS-1252", …
 *   Plain ASCII is reported as "UTF-8".
 */
const char *
reg_text_detect_encoding (const guint8 *data, gsize len, gsize *bom_len, double *confidence)
{
  gboolean little_endian = FALSE, ascii = FALSE;
  double conf_dummy;
  const char *result;

  if (confidence == NULL)
    confidence = &conf_dummy;
  *bom_len = 0;
  if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      *bom_len = 3;
      *confidence = 1.0;
      return "UTF-8";
    }
  if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      *bom_len = 2;
      *confidence = 1.0;
      return "UTF-16LE";
    }
  if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      *bom_len = 2;
      *confidence = 1.0;
      return "UTF-16BE";
    }
  if (looks_utf16 (data, len, &little_endian))
    {
      *confidence = 0.8;
      return little_endian ? "UTF-16LE" : "UTF-16BE";
    }
  if (valid_utf8_head (data, len, &ascii))
    {
      *confidence = ascii ? 0.9 : 1.0;
      return "UTF-8";
    }

  {
    uchardet_t ud = uchardet_new ();
    const char *name;

    uchardet_handle_data (ud, (const char *) data, len);
    uchardet_data_end (ud);
    name = uchardet_get_charset (ud);
    if (name == NULL || *name == '\0' || g_ascii_strcasecmp (name, "ASCII") == 0
        || g_ascii_strcasecmp (name, "UTF-8") == 0)
      {
        /* not UTF-8 (checked above) and uchardet has no better idea: the usual Windows code page */
        result = "WINDOWS-1252";
        *confidence = 0.5;
      }
    else
      {
        g_autofree char *upper = g_ascii_strup (name, -1);
        /* Latin-3 (Maltese, Esperanto) is what uchardet says of short German or French
         * Windows text; take the far more likely Windows code page */
        if (g_str_equal (upper, "ISO-8859-3"))
          {
            result = "WINDOWS-1252";
            *confidence = 0.6;
          }
        else
          {
            result = g_intern_string (upper);
            *confidence = 0.8;
          }
      }
    uchardet_delete (ud);
  }
  return result;
}

/* Files called ISO-8859-1 are read as Windows-1252: the same letters, plus € and typographic
 * quotes where Latin-1 has unused control codes. */
static const char *
iconv_name_for (const char *encoding)
{
  if (g_ascii_strcasecmp (encoding, "ISO-8859-1") == 0
      || g_ascii_strcasecmp (encoding, "LATIN1") == 0
      || g_ascii_strcasecmp (encoding, "ISO8859-1") == 0
      || g_ascii_strcasecmp (encoding, "CP1252") == 0)
    return "WINDOWS-1252";
  return encoding;
}

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0
         || g_ascii_strcasecmp (encoding, "ASCII") == 0
         || g_ascii_strcasecmp (encoding, "US-ASCII") == 0;
}

static gboolean
fill_raw (RegTextDecoder *dec, GCancellable *cancellable, GError **error)
{
  gsize keep = dec->raw_len - dec->raw_pos;
  gssize n;

  if (dec->eof)
    return TRUE;
  if (keep > 0 && dec->raw_pos > 0)
    memmove (dec->raw, dec->raw + dec->raw_pos, keep);
  dec->raw_pos = 0;
  dec->raw_len = keep;
  while (dec->raw_len < REG_TEXT_DECODER_CHUNK && !dec->eof)
    {
      g_autoptr(GError) local = NULL;

      n = g_input_stream_read (dec->in, dec->raw + dec->raw_len,
                               REG_TEXT_DECODER_CHUNK - dec->raw_len, cancellable, &local);
      if (n < 0)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not read %s: %s"),
                         dec->display_name, local->message);
          return FALSE;
        }
      if (n == 0)
        dec->eof = TRUE;
      dec->raw_len += (gsize) n;
      dec->bytes_read += (guint64) n;
    }
  return TRUE;
}

static gboolean
open_converter (RegTextDecoder *dec, const char *from, GError **error)
{
  if (dec->cd != NULL)
    g_iconv_close (dec->cd);
  dec->cd = g_iconv_open ("UTF-8", iconv_name_for (from));
  if (dec->cd == (GIConv) -1)
    {
      dec->cd = NULL;
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_ENCODING,
                   _("%s: the text encoding “%s” is not known"), dec->display_name, from);
      return FALSE;
    }
  dec->passthrough = FALSE;
  return TRUE;
}

/**
 * reg_text_decoder_new:
 * @encoding: (nullable): the file's encoding as the user chose it, or NULL to detect it
 *
 * Opens @path and reads its head to settle the encoding.
 * Returns: (transfer full): the decoder, or NULL with %REG_IO_ERROR_OPEN or
 *   %REG_IO_ERROR_ENCODING
 */
RegTextDecoder *
reg_text_decoder_new (const char *path, const char *encoding, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;
  g_autoptr(GFileInfo) info = NULL;
  RegTextDecoder *dec;
  gsize bom_len = 0;
  const char *detected;

  dec = g_new0 (RegTextDecoder, 1);
  dec->display_name = g_path_get_basename (path);
  dec->in = G_INPUT_STREAM (g_file_read (file, NULL, &local));
  if (dec->in == NULL)
    {
      g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_OPEN, _("Could not open %s: %s"),
                   dec->display_name, local->message);
      reg_text_decoder_free (dec);
      return NULL;
    }
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (dec->in),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    dec->bytes_total = (guint64) g_file_info_get_size (info);
  dec->raw = g_malloc (REG_TEXT_DECODER_CHUNK);
  dec->out_cap = REG_TEXT_DECODER_CHUNK * 4 + 16;
  dec->out = g_malloc (dec->out_cap);
  if (!fill_raw (dec, NULL, error))
    {
      reg_text_decoder_free (dec);
      return NULL;
    }

  detected = reg_text_detect_encoding (dec->raw, dec->raw_len, &bom_len, &dec->confidence);
  dec->has_bom = bom_len > 0;
  if (encoding != NULL && *encoding != '\0')
    {
      /* the user's choice wins; a BOM of that same encoding is still skipped */
      g_autofree char *upper = g_ascii_strup (encoding, -1);
      if (!(bom_len > 0 && g_ascii_strcasecmp (iconv_name_for (upper), detected) == 0))
        bom_len = 0, dec->has_bom = FALSE;
      dec->encoding = g_intern_string (upper);
      dec->confidence = 1.0;
    }
  else
    dec->encoding = g_intern_string (detected);
  dec->raw_pos = bom_len;

  if (is_utf8_name (dec->encoding))
    {
      gboolean ascii = FALSE;
      dec->passthrough = TRUE;
      if (encoding == NULL && !dec->has_bom)
        {
          valid_utf8_head (dec->raw, dec->raw_len, &ascii);
          dec->may_fallback = ascii;
        }
    }
  else if (!open_converter (dec, dec->encoding, error))
    {
      reg_text_decoder_free (dec);
      return NULL;
    }
  return dec;
}

static guint64
count_newlines (const char *s, gsize len)
{
  guint64 n = 0;
  const char *end = s + len;

  while (s < end && (s = memchr (s, '\n', (gsize) (end - s))) != NULL)
    n++, s++;
  return n;
}

static void
set_invalid_error (RegTextDecoder *dec, const char *good, gsize good_len, GError **error)
{
  guint64 line = dec->lines + count_newlines (good, good_len) + 1;

  g_set_error (error, REG_IO_ERROR, REG_IO_ERROR_ENCODING,
               _("%s, line %" PRIu64 ": the text is not valid %s; choose the file’s "
                 "encoding"), dec->display_name, line, dec->encoding);
}

/**
 * reg_text_decoder_read:
 * @text: (out) (transfer none): the next chunk of UTF-8 text, valid until the next call
 * @len: (out): its length; 0 at the end of the file
 *
 * Returns: %FALSE with an error when the file cannot be read or holds bytes that are not text
 *   in its encoding (%REG_IO_ERROR_ENCODING, naming the line)
 */
gboolean
reg_text_decoder_read (RegTextDecoder *dec, const char **text, gsize *len,
                       GCancellable *cancellable, GError **error)
{
  *text = NULL;
  *len = 0;

  for (;;)
    {
      gsize avail;

      if (dec->raw_pos >= dec->raw_len || !dec->eof)
        if (!fill_raw (dec, cancellable, error))
          return FALSE;
      avail = dec->raw_len - dec->raw_pos;
      if (avail == 0)
        {
          if (dec->cd != NULL)
            {
              /* flush shift state */
              char *outp = dec->out;
              gsize outleft = dec->out_cap;
              g_iconv (dec->cd, NULL, NULL, &outp, &outleft);
            }
          return TRUE;
        }

      if (dec->passthrough)
        {
          const char *start = (const char *) dec->raw + dec->raw_pos;
          const char *end;
          gsize good;

          if (g_utf8_validate (start, (gssize) avail, &end))
            good = avail;
          else
            good = (gsize) (end - start);
          if (good == 0)
            {
              /* An invalid byte first in the buffer (an incomplete sequence cannot be: the
               * buffer was just filled, so it is followed by more bytes or by the end). */
              if (dec->may_fallback)
                {
                  /* the head was ASCII; this is not UTF-8, so it is the Windows code page */
                  if (!open_converter (dec, "WINDOWS-1252", error))
                    return FALSE;
                  dec->encoding = g_intern_static_string ("WINDOWS-1252");
                  dec->confidence = 0.5;
                  dec->may_fallback = FALSE;
                  continue;
                }
              set_invalid_error (dec, start, 0, error);
              return FALSE;
            }
          dec->raw_pos += good;
          dec->lines += count_newlines (start, good);
          *text = start;
          *len = good;
          return TRUE;
        }
      else
        {
          char *inp = (char *) dec->raw + dec->raw_pos;
          gsize inleft = avail;
          char *outp = dec->out;
          gsize outleft = dec->out_cap;
          gsize rc = g_iconv (dec->cd, &inp, &inleft, &outp, &outleft);
          gsize produced = dec->out_cap - outleft;

          dec->raw_pos = dec->raw_len - inleft;
          if (rc == (gsize) -1 && errno == EILSEQ)
            {
              if (produced > 0)
                {
                  dec->lines += count_newlines (dec->out, produced);
                  *text = dec->out;
                  *len = produced;
                  return TRUE;
                }
              set_invalid_error (dec, dec->out, 0, error);
              return FALSE;
            }
          if (rc == (gsize) -1 && errno == EINVAL && dec->eof && produced == 0)
            {
              set_invalid_error (dec, dec->out, 0, error);
              return FALSE;
            }
          if (produced == 0)
            {
              if (dec->eof && inleft == 0)
                continue;
              if (!fill_raw (dec, cancellable, error))
                return FALSE;
              continue;
            }
          dec->lines += count_newlines (dec->out, produced);
          *text = dec->out;
          *len = produced;
          return TRUE;
        }
    }
}

const char *
reg_text_decoder_get_encoding (RegTextDecoder *dec)
{
  return dec->encoding;
}

double
reg_text_decoder_get_confidence (RegTextDecoder *dec)
{
  return dec->confidence;
}

gboolean
reg_text_decoder_get_has_bom (RegTextDecoder *dec)
{
  return dec->has_bom;
}

guint64
reg_text_decoder_get_bytes_read (RegTextDecoder *dec)
{
  /* bytes consumed by the caller, not merely buffered */
  return dec->bytes_read - (dec->raw_len - dec->raw_pos);
}

guint64
reg_text_decoder_get_bytes_total (RegTextDecoder *dec)
{
  return dec->bytes_total;
}

const char *
reg_text_decoder_get_display_name (RegTextDecoder *dec)
{
  return dec->display_name;
}

void
reg_text_decoder_free (RegTextDecoder *dec)
{
  if (dec == NULL)
    return;
  if (dec->cd != NULL)
    g_iconv_close (dec->cd);
  g_clear_object (&dec->in);
  g_free (dec->raw);
  g_free (dec->out);
  g_free (dec->display_name);
  g_free (dec);
}
