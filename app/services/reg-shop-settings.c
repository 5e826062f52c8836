/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop's settings: their defaults, what each means in words, and the rules a value must
 * follow. Values are stored normalised (fractions with a dot, money in minor units), so every
 * reader gets the same number whatever the locale the owner typed it in.
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "clv-text.h"
#include "reg-shop-private.h"

typedef gboolean (*NormaliseFunc) (RegShop *shop, const char *key, const char *value,
                                   char **normalised, GError **error);

typedef struct
{
  const char   *key;
  const char   *default_value;
  const char   *description;
  NormaliseFunc normalise;
  double        min, max;
} SettingSpec;

static gboolean
invalid (GError **error, const char *key, const char *value, const char *why)
{
  g_autofree char *quoted = clv_text_quote (value);

  g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID, _("Setting “%s”: “%s” %s"), key,
               quoted, why);
  return FALSE;
}

static gboolean
normalise_text (RegShop *shop, const char *key, const char *value, char **out, GError **error)
{
  g_autofree char *s = g_strstrip (g_strdup (value));

  if (*s == '\0' || g_utf8_strlen (s, -1) > 100 || !g_utf8_validate (s, -1, NULL))
    return invalid (error, key, value, _("must be between 1 and 100 characters"));
  *out = g_steal_pointer (&s);
  return TRUE;
}

static gboolean
normalise_currency (RegShop *shop, const char *key, const char *value, char **out,
                    GError **error)
{
  const ClvCurrency *c = clv_currency_lookup (value);

  if (c == NULL)
    {
      gsize n;
      const ClvCurrency *all = clv_currency_list (&n);
      g_autoptr(GString) known = g_string_new (NULL);
      g_autofree char *why = NULL;
      for (gsize i = 0; i < n; i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", all[i].code);
      why = g_strdup_printf (_("is not a currency code Regulars knows; use one of %s"),
                             known->str);
      return invalid (error, key, value, why);
    }
  *out = g_strdup (c->code);
  return TRUE;
}

static gboolean
normalise_locale (RegShop *shop, const char *key, const char *value, char **out, GError **error)
{
  const ClvLocale *l = value != NULL && strlen (value) >= 5 ? clv_locale_lookup (value) : NULL;

  if (l == NULL)
    {
      gsize n;
      const ClvLocale *all = clv_locale_list (&n);
      g_autoptr(GString) known = g_string_new (NULL);
      g_autofree char *why = NULL;
      for (gsize i = 0; i < n; i++)
        g_string_append_printf (known, "%s%s", i ? ", " : "", all[i].id);
      why = g_strdup_printf (_("is not a locale Regulars knows; use one of %s"), known->str);
      return invalid (error, key, value, why);
    }
  *out = g_strdup (l->id);
  return TRUE;
}

/* "30%", "30 %", "0.3" and "0,3" all mean 0.3 */
static gboolean
parse_fraction (const char *value, double *out)
{
  g_autofree char *s = g_strstrip (g_strdup (value));
  gboolean percent = FALSE;
  char *end = NULL;
  gsize len = strlen (s);

  if (len > 0 && s[len - 1] == '%')
    {
      percent = TRUE;
      s[len - 1] = '\0';
      g_strstrip (s);
    }
  g_strdelimit (s, ",", '.');
  if (!clv_text_is_plain_decimal (s))
    return FALSE;
  *out = g_ascii_strtod (s, &end);
  if (end == s || *end != '\0' || !isfinite (*out))
    return FALSE;
  if (percent)
    *out /= 100.0;
  return TRUE;
}

static gboolean
normalise_fraction (RegShop *shop, const char *key, const char *value, char **out,
                    GError **error);
static gboolean
normalise_number (RegShop *shop, const char *key, const char *value, char **out,
                  GError **error);

static const SettingSpec specs[] = {
  { REG_SETTING_SHOP_NAME, "My shop", N_("The shop's name, printed on lists and reports"),
    normalise_text, 0, 0 },
  { REG_SETTING_CURRENCY, "USD", N_("The currency of every amount (ISO code such as EUR, USD)"),
    normalise_currency, 0, 0 },
  { REG_SETTING_LOCALE, "en_US",
    N_("How amounts and dates are written, such as de_DE for 1.234,56 and 31.12.2024"),
    normalise_locale, 0, 0 },
  { REG_SETTING_MARGIN, "1", N_("Share of revenue kept as profit, such as 30%"),
    normalise_fraction, 0, 1 },
  { REG_SETTING_ACQUISITION_COST, "0",
    N_("What winning a new customer costs on average, in the shop's currency"), NULL, 0, 0 },
  { REG_SETTING_HORIZON_MONTHS, "12", N_("How many months ahead predicted values look"),
    normalise_number, 1, 120 },
  { REG_SETTING_DISCOUNT_MONTHLY, "0.01",
    N_("Monthly discount rate: how much less money next month is worth than today, such as 1%"),
    normalise_fraction, 0, 0.5 },
  { REG_SETTING_TIER_TOP, "0.2", N_("Share of customers in the top tier, such as 20%"),
    normalise_fraction, 0.01, 0.9 },
  { REG_SETTING_TIER_BOTTOM, "0.3", N_("Share of customers in the bottom tier, such as 30%"),
    normalise_fraction, 0, 0.9 },
  { REG_SETTING_AT_RISK_P_ALIVE, "0.5",
    N_("A repeat customer is at risk when the chance they still buy falls below this"),
    normalise_fraction, 0, 1 },
  { REG_SETTING_OVERDUE_FACTOR, "2",
    N_("A customer is overdue after this many of their usual gaps between purchases"),
    normalise_number, 1, 10 },
  { REG_SETTING_TIME_UNIT, "week", N_("Unit of the model's parameters: day, week or month"),
    NULL, 0, 0 },
  { REG_SETTING_MODEL, "auto",
    N_("Purchase model: auto (the one that predicted your own history best), bgnbd, mbgnbd or pareto"),
    NULL, 0, 0 },
};

static const SettingSpec *
find_spec (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (specs[i].key, key) == 0)
      return &specs[i];
  return NULL;
}

static gboolean
normalise_fraction (RegShop *shop, const char *key, const char *value, char **out,
                    GError **error)
{
  const SettingSpec *spec = find_spec (key);
  double v;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!parse_fraction (value, &v))
    return invalid (error, key, value, _("is not a number or a percentage"));
  if (v < spec->min || v > spec->max)
    {
      g_autofree char *why = g_strdup_printf (_("must be between %g%% and %g%%"),
                                              spec->min * 100, spec->max * 100);
      return invalid (error, key, value, why);
    }
  *out = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", v));
  return TRUE;
}

static gboolean
normalise_number (RegShop *shop, const char *key, const char *value, char **out,
                  GError **error)
{
  const SettingSpec *spec = find_spec (key);
  g_autofree char *s = g_strstrip (g_strdup (value));
  char *end = NULL;
  double v;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_strdelimit (s, ",", '.');
  v = g_ascii_strtod (s, &end);
  if (!clv_text_is_plain_decimal (s) || end == s || *end != '\0' || !isfinite (v))
    return invalid (error, key, value, _("is not a number"));
  if (v < spec->min || v > spec->max)
    {
      g_autofree char *why = g_strdup_printf (_("must be between %g and %g"), spec->min,
                                              spec->max);
      return invalid (error, key, value, why);
    }
  if (g_str_equal (key, REG_SETTING_HORIZON_MONTHS) && v != floor (v))
    return invalid (error, key, value, _("must be a whole number of months"));
  *out = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", v));
  return TRUE;
}

/**
 * reg_shop_setting_keys:
 * Returns: (transfer none) (array zero-terminated=1): every setting's key, in the order
 *   `settings` lists them.
 */
const char *const *
reg_shop_setting_keys (void)
{
  static const char *keys[G_N_ELEMENTS (specs) + 1];

  if (keys[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
      keys[i] = specs[i].key;
  return keys;
}

/**
 * reg_shop_setting_range:
 * @key: a setting's key
 * @min: (out): the smallest value allowed (fractions as fractions: 0.3 for 30 %)
 * @max: (out): the largest
 *
 * The command line and the analysis check a value against the same range.
 *
 * Returns: %FALSE for a key without a numeric range.
 */
gboolean
reg_shop_setting_range (const char *key, double *min, double *max)
{
  const SettingSpec *spec = find_spec (key);

  if (spec == NULL || (spec->normalise != normalise_fraction && spec->normalise != normalise_number))
    return FALSE;
  *min = spec->min;
  *max = spec->max;
  return TRUE;
}

/**
 * reg_shop_setting_description:
 * @key: a setting's key
 *
 * Returns: (transfer none) (nullable): what the setting means, translated; %NULL for an
 *   unknown key.
 */
const char *
reg_shop_setting_description (const char *key)
{
  const SettingSpec *spec = find_spec (key);
  return spec != NULL ? _(spec->description) : NULL;
}

/**
 * reg_shop_get_setting:
 * @self: the shop
 * @key: a setting's key
 *
 * Returns: (transfer full) (nullable): the value as stored (normalised: fractions with a dot,
 *   money in minor units), else its default; %NULL for an unknown key.
 */
char *
reg_shop_get_setting (RegShop *self, const char *key)
{
  const SettingSpec *spec = find_spec (key);
  char *value = reg_store_get_setting (reg_shop_get_store (self), key);

  if (value == NULL && spec != NULL)
    value = g_strdup (spec->default_value);
  return value;
}

/**
 * reg_shop_get_setting_double:
 * @self: the shop
 * @key: a numeric setting's key
 *
 * Returns: the value as a number (fractions as fractions, money in minor units); 0 for an
 *   unknown key.
 */
double
reg_shop_get_setting_double (RegShop *self, const char *key)
{
  g_autofree char *value = reg_shop_get_setting (self, key);
  return value != NULL ? g_ascii_strtod (value, NULL) : 0;
}

/**
 * reg_shop_set_setting:
 * @value: as the owner typed it ("30%", "1.234,56" for money in a German shop)
 *
 * Returns: %FALSE with %REG_SHOP_ERROR_UNKNOWN_SETTING or %REG_SHOP_ERROR_INVALID (the message
 *   names the setting and the value, and says what is allowed).
 */
gboolean
reg_shop_set_setting (RegShop *self, const char *key, const char *value, GError **error)
{
  const SettingSpec *spec = find_spec (key);
  g_autofree char *normalised = NULL;

  if (spec == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) reg_shop_setting_keys ());
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_UNKNOWN_SETTING,
                   _("There is no setting “%s”; the settings are: %s"), key, known);
      return FALSE;
    }
  if (value == NULL)
    value = "";
  if (g_str_equal (key, REG_SETTING_ACQUISITION_COST))
    {
      gint64 minor;
      g_autoptr(GError) local = NULL;
      if (!reg_shop_parse_amount (self, value, &minor, &local))
        return invalid (error, key, value, local->message);
      if (minor < 0)
        return invalid (error, key, value, _("cannot be negative"));
      normalised = g_strdup_printf ("%" PRId64, minor);
    }
  else if (g_str_equal (key, REG_SETTING_MODEL))
    {
      if (!g_str_equal (value, "auto") && !g_str_equal (value, "bgnbd")
          && !g_str_equal (value, "mbgnbd") && !g_str_equal (value, "pareto"))
        return invalid (error, key, value, _("must be auto, bgnbd, mbgnbd or pareto"));
      normalised = g_strdup (value);
    }
  else if (g_str_equal (key, REG_SETTING_TIME_UNIT))
    {
      if (!g_str_equal (value, "day") && !g_str_equal (value, "week")
          && !g_str_equal (value, "month"))
        return invalid (error, key, value, _("must be day, week or month"));
      normalised = g_strdup (value);
    }
  else if (!spec->normalise (self, key, value, &normalised, error))
    return FALSE;

  if (g_str_equal (key, REG_SETTING_TIER_TOP) || g_str_equal (key, REG_SETTING_TIER_BOTTOM))
    {
      const char *other = g_str_equal (key, REG_SETTING_TIER_TOP) ? REG_SETTING_TIER_BOTTOM
                                                                   : REG_SETTING_TIER_TOP;
      if (g_ascii_strtod (normalised, NULL) + reg_shop_get_setting_double (self, other) > 0.99)
        return invalid (error, key, value,
                        _("leaves no middle tier: top and bottom together must stay below 99%"));
    }

  if (!reg_store_set_setting (reg_shop_get_store (self), key, normalised, error))
    return FALSE;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SETTINGS, 0);
  return TRUE;
}
