/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegTextDecoder: reads a text file in chunks and hands out UTF-8, whatever the file's encoding:
 * byte-order marks (UTF-8, UTF-16 LE/BE), UTF-16 without a mark, UTF-8, and 8-bit encodings found
 * by uchardet and converted with GIConv. Memory stays bounded (one raw and one converted chunk).
 * One thread at a time; the caller frees it.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RegTextDecoder RegTextDecoder;

/* Size of the head that encoding detection looks at, and of each raw read. */
#define REG_TEXT_DECODER_CHUNK ((gsize) 64 * 1024)

RegTextDecoder *reg_text_decoder_new            (const char *path,
                                                 const char *encoding,
                                                 GError    **error);
gboolean        reg_text_decoder_read           (RegTextDecoder *dec,
                                                 const char    **text,
                                                 gsize          *len,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
const char     *reg_text_decoder_get_encoding   (RegTextDecoder *dec);
double          reg_text_decoder_get_confidence (RegTextDecoder *dec);
gboolean        reg_text_decoder_get_has_bom    (RegTextDecoder *dec);
guint64         reg_text_decoder_get_bytes_read (RegTextDecoder *dec);
guint64         reg_text_decoder_get_bytes_total (RegTextDecoder *dec);
const char     *reg_text_decoder_get_display_name (RegTextDecoder *dec);
void            reg_text_decoder_free           (RegTextDecoder *dec);

/* Detection on a buffer: returns the encoding name (static string) and sets *bom_len. */
const char     *reg_text_detect_encoding        (const guint8 *data,
                                                 gsize         len,
                                                 gsize        *bom_len,
                                                 double       *confidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegTextDecoder, reg_text_decoder_free)

G_END_DECLS
