/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI's stdout and stderr, filtered: every control character a name, a note or a file's
 * field brings along (ESC, BEL, BS, C1's CSI …) is written out as \x1B or \u009B, so listing a
 * shop can never drive the owner's terminal, whichever command prints it and however old the
 * shop. Line feeds (and tabs) pass. The progress line's own sequences go to the raw stream.
 * Set up once at the start of main(); one thread prints.
 */
#define _GNU_SOURCE
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "reg-cli.h"

typedef struct
{
  FILE     *real;       /* the original descriptor, unbuffered: the filter's buffer is enough */
  gboolean  after_c2;   /* the last byte written was 0xC2: a C1 control may follow */
} Filter;

static Filter out_filter, err_filter;

static ssize_t
filter_write (void *cookie, const char *buf, size_t size)
{
  Filter *f = cookie;
  GString *s = g_string_sized_new (size + 16);

  for (size_t i = 0; i < size; i++)
    {
      guchar c = (guchar) buf[i];

      if (f->after_c2)
        {
          f->after_c2 = FALSE;
          if (c >= 0x80 && c <= 0x9f)
            {
              g_string_append_printf (s, "\\u%04X", c);
              continue;
            }
          g_string_append_c (s, (char) 0xc2);
        }
      if (c == 0xc2)
        f->after_c2 = TRUE;
      else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
        g_string_append_printf (s, "\\x%02X", c);
      else
        g_string_append_c (s, (char) c);
    }
  if (s->len > 0 && fwrite (s->str, 1, s->len, f->real) != s->len)
    {
      g_string_free (s, TRUE);
      return -1;
    }
  g_string_free (s, TRUE);
  return (ssize_t) size;
}

static int
filter_close (void *cookie)
{
  Filter *f = cookie;

  if (f->after_c2)
    fputc (0xc2, f->real);
  f->after_c2 = FALSE;
  return fflush (f->real);
}

static FILE *
filtered (Filter *f, int fd, int mode)
{
  cookie_io_functions_t io = { .write = filter_write, .close = filter_close };
  int copy = dup (fd);
  FILE *stream;

  if (copy < 0 || (f->real = fdopen (copy, "w")) == NULL)
    return NULL;
  setvbuf (f->real, NULL, _IONBF, 0);
  stream = fopencookie (f, "w", io);
  if (stream != NULL)
    setvbuf (stream, NULL, mode, 0);
  return stream;
}

/**
 * reg_cli_output_init:
 * Replaces stdout and stderr with the filtered streams (glibc's stdout and stderr are plain
 * variables). Left as they are when a stream cannot be made.
 */
void
reg_cli_output_init (void)
{
  FILE *out, *err;

  fflush (stdout);
  fflush (stderr);
  /* stdout keeps its buffering (one write per buffer, not per line); stderr is unbuffered as
   * it was, so messages interleave with the progress line in order */
  if ((out = filtered (&out_filter, STDOUT_FILENO, isatty (STDOUT_FILENO) ? _IOLBF : _IOFBF))
      != NULL)
    stdout = out;
  if ((err = filtered (&err_filter, STDERR_FILENO, _IONBF)) != NULL)
    stderr = err;
}

/* Where the progress line writes its carriage returns and erase sequence. */
FILE *
reg_cli_raw_stderr (void)
{
  return err_filter.real != NULL ? err_filter.real : stderr;
}
