/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new shop as the owner describes it: name, currency and locale, with defaults guessed from
 * the system's locale. The shop is made in a temporary file beside the target and renamed into
 * place only once every setting is in, so a refused value leaves no file and an existing file
 * (the owner already agreed to replace it) stays as it was until then. Main thread or worker.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "reg-shop.h"

/* Territory (ISO 3166) to currency, for the currencies Regulars knows. */
static const struct { const char *territory, *currency; } territory_currencies[] = {
  { "US", "USD" }, { "GB", "GBP" }, { "CH", "CHF" }, { "LI", "CHF" }, { "CA", "CAD" },
  { "AU", "AUD" }, { "NZ", "NZD" }, { "SE", "SEK" }, { "NO", "NOK" }, { "DK", "DKK" },
  { "PL", "PLN" }, { "CZ", "CZK" }, { "MX", "MXN" }, { "BR", "BRL" }, { "JP", "JPY" },
  { "CN", "CNY" }, { "IN", "INR" }, { "ZA", "ZAR" }, { "TH", "THB" }, { "KR", "KRW" },
  /* the euro area */
  { "DE", "EUR" }, { "AT", "EUR" }, { "FR", "EUR" }, { "ES", "EUR" }, { "IT", "EUR" },
  { "NL", "EUR" }, { "BE", "EUR" }, { "LU", "EUR" }, { "IE", "EUR" }, { "PT", "EUR" },
  { "FI", "EUR" }, { "GR", "EUR" }, { "SK", "EUR" }, { "SI", "EUR" }, { "EE", "EUR" },
  { "LV", "EUR" }, { "LT", "EUR" }, { "MT", "EUR" }, { "CY", "EUR" }, { "HR", "EUR" },
};

/**
 * reg_shop_guess_defaults:
 * @posix_locale: (nullable): a locale name as setlocale() gives it ("de_DE.UTF-8", "C")
 * @out_locale: (out): a locale id Regulars knows: the same language and territory, else the
 *   first with the same language, else en_US
 * @out_currency: (out): the territory's currency when Regulars knows it, else USD
 */
void
reg_shop_guess_defaults (const char *posix_locale, const char **out_locale,
                         const char **out_currency)
{
  char lang[4] = "", territory[3] = "";
  gsize n_locales;
  const ClvLocale *locales = clv_locale_list (&n_locales);

  *out_locale = "en_US";
  *out_currency = "USD";
  /* ll_TT or lll_TT, then an optional .codeset and @modifier */
  if (posix_locale != NULL)
    {
      gsize l = strspn (posix_locale, "abcdefghijklmnopqrstuvwxyz");

      if (l >= 2 && l <= 3)
        {
          memcpy (lang, posix_locale, l);
          if (posix_locale[l] == '_' && g_ascii_isupper (posix_locale[l + 1])
              && g_ascii_isupper (posix_locale[l + 2]))
            memcpy (territory, posix_locale + l + 1, 2);
        }
    }
  if (lang[0] == '\0')
    return;
  for (gsize i = 0; i < n_locales; i++)
    if (strncmp (locales[i].id, lang, strlen (lang)) == 0 && locales[i].id[strlen (lang)] == '_'
        && strcmp (locales[i].id + strlen (lang) + 1, territory) == 0)
      {
        *out_locale = locales[i].id;
        break;
      }
  if (g_str_equal (*out_locale, "en_US") && !g_str_equal (lang, "en"))
    for (gsize i = 0; i < n_locales; i++)
      if (strncmp (locales[i].id, lang, strlen (lang)) == 0 && locales[i].id[strlen (lang)] == '_')
        {
          *out_locale = locales[i].id;
          break;
        }
  for (gsize i = 0; i < G_N_ELEMENTS (territory_currencies); i++)
    if (g_str_equal (territory, territory_currencies[i].territory))
      *out_currency = territory_currencies[i].currency;
}

static void
remove_shop_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

/**
 * reg_shop_create:
 * @path: where the shop goes; an existing file there is replaced (ask the owner first)
 * @name, @currency, @locale: the shop's settings, as reg_shop_set_setting() takes them
 *
 * Returns: (transfer full): the new shop, open; or %NULL with %REG_SHOP_ERROR_INVALID naming
 *   the setting and the value refused (nothing is written then), or a store error.
 */
RegShop *
reg_shop_create (const char *path, const char *name, const char *currency, const char *locale,
                 GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s.new-XXXXXX", base);
  g_autofree char *tmp = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  /* a unique name beside the target: the rename stays on one file system */
  tmp = g_build_filename (dir, tmpl, NULL);
  fd = g_mkstemp_full (tmp, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write in the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);
  g_unlink (tmp);   /* the store creates its own file there, with its own mode */

  {
    g_autoptr(RegShop) draft = reg_shop_open (tmp, TRUE, error);

    if (draft == NULL
        || !reg_shop_set_setting (draft, REG_SETTING_SHOP_NAME, name != NULL ? name : "", error)
        || !reg_shop_set_setting (draft, REG_SETTING_CURRENCY, currency, error)
        || !reg_shop_set_setting (draft, REG_SETTING_LOCALE, locale, error))
      {
        g_clear_object (&draft);
        remove_shop_files (tmp);
        return NULL;
      }
  }
  /* closed: the draft's journal is folded in, and an old shop's journal must not be applied
   * to the new file */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot save the shop as %s: %s"), path, g_strerror (saved));
      remove_shop_files (tmp);
      return NULL;
    }
  return reg_shop_open (path, FALSE, error);
}
