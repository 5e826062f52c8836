/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RegShop: one open shop file on the main thread. Validates what the owner enters, names the
 * field and value in every message, and tells list models and views what changed.
 */
#include "config.h"

#include <math.h>

#include <inttypes.h>

#include <string.h>

#include "clv-date.h"
#include "clv-error.h"
#include "clv-text.h"
#include "reg-export-target.h"
#include "reg-import-backup-private.h"
#include "reg-shop-private.h"
#include "reg-store-feedback.h"
#include "reg-store-products.h"

struct _RegShop
{
  GObject     parent_instance;

  RegStore   *store;       /* (owned) */
  char       *path;        /* (owned) */
  guint       revision;
  GListModel *customers;   /* (owned) (nullable) created on first use */
  GListModel *sales;       /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (RegShop, reg_shop, G_TYPE_OBJECT)
G_DEFINE_QUARK (reg-shop-error-quark, reg_shop_error)

enum { PROP_0, PROP_PATH, PROP_REVISION, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
invalid_field (GError **error, const char *field, const char *value, const char *why)
{
  /* the value shortened and escaped: a 100,000-character name makes a one-line message */
  g_autofree char *quoted = clv_text_quote (value);

  g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID, _("%s “%s”: %s"), field, quoted,
               why);
  return FALSE;
}

static void
reg_shop_finalize (GObject *object)
{
  RegShop *self = REG_SHOP (object);

  g_clear_object (&self->customers);
  g_clear_object (&self->sales);
  g_clear_pointer (&self->store, reg_store_free);
  g_free (self->path);
  G_OBJECT_CLASS (reg_shop_parent_class)->finalize (object);
}

static void
reg_shop_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RegShop *self = REG_SHOP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_REVISION:
      g_value_set_uint (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reg_shop_class_init (RegShopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = reg_shop_finalize;
  object_class->get_property = reg_shop_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* bumped after every change, so views can bind "something changed" */
  properties[PROP_REVISION] =
    g_param_spec_uint ("revision", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RegShop::changed:
   * @kind: a #RegShopChange
   * @id: the customer or sale id, 0 for settings and bulk changes
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
}

static void
reg_shop_init (RegShop *self)
{
}

/**
 * reg_shop_default_path:
 * Returns: (transfer full): the shop file used when none is named: in the user's data folder.
 */
char *
reg_shop_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "regulars", "shop.regulars", NULL);
}

/**
 * reg_shop_open:
 * @create: create the file (mode 0600) when it does not exist
 *
 * Returns: (transfer full): the shop, or %NULL with a #RegStoreError.
 */
RegShop *
reg_shop_open (const char *path, gboolean create, GError **error)
{
  g_autoptr(RegShop) self = NULL;
  RegStore *store;

  store = reg_store_open (path, create ? REG_STORE_OPEN_CREATE : REG_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    {
      /* a shop that cannot be read: say where its backups are and how to go back to one */
      if (error != NULL && *error != NULL
          && ((*error)->domain == REG_STORE_ERROR
              && ((*error)->code == REG_STORE_ERROR_NOT_A_SHOP
                  || (*error)->code == REG_STORE_ERROR_CORRUPT)))
        {
          g_autofree char *advice = reg_import_backup_advice (path);
          if (advice != NULL)
            {
              char *msg = g_strconcat ((*error)->message, ". ", advice, NULL);
              g_free ((*error)->message);
              (*error)->message = msg;
            }
        }
      return NULL;
    }
  /* exports a killed process left are finished or undone before anyone reads the campaigns;
   * a shop that cannot be written keeps them for a later start */
  reg_export_recover (store, NULL);
  self = g_object_new (REG_TYPE_SHOP, NULL);
  self->store = store;
  self->path = g_strdup (path);
  return g_steal_pointer (&self);
}

/**
 * reg_shop_get_path:
 * @self: the shop
 *
 * Returns: (transfer none): the shop file's path as it was opened; jobs open their own
 *   connection on it.
 */
const char *
reg_shop_get_path (RegShop *self)
{
  return self->path;
}

/**
 * reg_shop_get_store:
 * @self: the shop
 *
 * Services only (reg-shop-private.h): the fronts go through RegShop's calls.
 *
 * Returns: (transfer none): the shop's own connection, for the main thread.
 */
RegStore *
reg_shop_get_store (RegShop *self)
{
  return self->store;
}

/**
 * reg_shop_get_revision:
 * @self: the shop
 *
 * Returns: a count that grows by one with every "changed" signal (the "revision" property).
 */
guint
reg_shop_get_revision (RegShop *self)
{
  return self->revision;
}

/**
 * reg_shop_notify_changed:
 * Tells list models and views that something changed; jobs call it with
 * %REG_SHOP_CHANGE_ALL when they finish on the main thread.
 */
void
reg_shop_notify_changed (RegShop *self, RegShopChange change, gint64 id)
{
  self->revision++;
  g_signal_emit (self, signals[CHANGED], 0, (int) change, id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

/**
 * reg_shop_is_empty:
 * @self: the shop
 *
 * Returns: whether the shop holds neither sales nor customers (what the views show an empty
 *   page for).
 */
gboolean
reg_shop_is_empty (RegShop *self)
{
  return reg_store_count_sales (self->store) == 0
         && reg_store_count_customers (self->store, TRUE) == 0;
}

/**
 * reg_shop_dup_name:
 * @self: the shop
 *
 * Returns: (transfer full): the shop's name as the owner gave it.
 */
char *
reg_shop_dup_name (RegShop *self)
{
  return reg_shop_get_setting (self, REG_SETTING_SHOP_NAME);
}

/**
 * reg_shop_get_money_format:
 * @self: the shop
 * @out: (out caller-allocates): the shop's currency and the way its locale writes amounts
 *
 * Read once per listing, not once per row: it reads two settings.
 */
void
reg_shop_get_money_format (RegShop *self, ClvMoneyFormat *out)
{
  g_autofree char *locale = reg_shop_get_setting (self, REG_SETTING_LOCALE);
  g_autofree char *currency = reg_shop_get_setting (self, REG_SETTING_CURRENCY);

  clv_money_format_init (out, locale, currency);
}

/**
 * reg_shop_parse_amount:
 * Reads an amount as the owner types it in the shop's locale ("12,50", "1.234,56", "$12").
 * Returns: %FALSE with %REG_SHOP_ERROR_INVALID naming the text when it is not an amount or is
 *   ambiguous in this locale.
 */
gboolean
reg_shop_parse_amount (RegShop *self, const char *text, gint64 *out_minor, GError **error)
{
  ClvMoneyFormat fmt;
  g_autoptr(GError) local = NULL;

  reg_shop_get_money_format (self, &fmt);
  if (!clv_money_parse (text, &fmt, out_minor, &local))
    {
      g_set_error_literal (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID, local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_shop_format_amount:
 * @self: the shop
 * @minor: an amount in minor units (cents), negative for a refund
 *
 * Returns: (transfer full): the amount as the shop's locale writes it, with its currency
 *   ("12,50 €").
 */
char *
reg_shop_format_amount (RegShop *self, gint64 minor)
{
  ClvMoneyFormat fmt;

  reg_shop_get_money_format (self, &fmt);
  return clv_money_format (minor, &fmt);
}

/**
 * reg_shop_format_amount_whole:
 * @self: the shop
 * @minor: an amount in minor units
 *
 * Returns: (transfer full): the amount rounded to whole currency units, without cents
 *   ("€20,000"): for the round values of a chart's axis.
 */
char *
reg_shop_format_amount_whole (RegShop *self, gint64 minor)
{
  ClvMoneyFormat fmt;
  ClvCurrency whole;
  gint64 unit = reg_shop_get_currency_unit (self);

  reg_shop_get_money_format (self, &fmt);
  whole = *fmt.currency;
  whole.exponent = 0;
  fmt.currency = &whole;
  return clv_money_format ((gint64) llround ((double) minor / (double) unit), &fmt);
}

/**
 * reg_shop_uses_letter_paper:
 * @self: the shop
 *
 * Returns: whether the shop's country prints on Letter (the United States and Canada) rather
 *   than A4.
 */
gboolean
reg_shop_uses_letter_paper (RegShop *self)
{
  g_autofree char *locale = reg_shop_get_setting (self, REG_SETTING_LOCALE);

  return locale != NULL && (g_str_has_suffix (locale, "_US") || g_str_has_suffix (locale, "_CA"));
}

/**
 * reg_shop_get_currency_unit:
 * @self: the shop
 *
 * Returns: one whole unit of the shop's currency in minor units (100 for EUR, 1 for JPY).
 */
gint64
reg_shop_get_currency_unit (RegShop *self)
{
  ClvMoneyFormat fmt;
  gint64 unit = 1;

  reg_shop_get_money_format (self, &fmt);
  for (guint i = 0; i < fmt.currency->exponent; i++)
    unit *= 10;
  return unit;
}

/**
 * reg_shop_parse_date:
 * Reads ISO dates, "today", "yesterday", and dates in the order of the shop's locale.
 */
gboolean
reg_shop_parse_date (RegShop *self, const char *text, gint32 *out_day, GError **error)
{
  ClvMoneyFormat fmt;
  g_autoptr(GError) local = NULL;
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*s == '\0')
    {
      g_set_error_literal (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID, _("the date is empty"));
      return FALSE;
    }
  if (g_ascii_strcasecmp (s, "today") == 0 || g_utf8_collate (s, _("today")) == 0)
    {
      *out_day = clv_date_today ();
      return TRUE;
    }
  if (g_ascii_strcasecmp (s, "yesterday") == 0 || g_utf8_collate (s, _("yesterday")) == 0)
    {
      *out_day = clv_date_today () - 1;
      return TRUE;
    }
  reg_shop_get_money_format (self, &fmt);
  if (!clv_date_parse (s, fmt.locale->date_order, out_day, &local))
    {
      g_set_error_literal (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID, local->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * reg_shop_format_date:
 * @self: the shop
 * @day: a Julian day; 0 = unknown
 *
 * Returns: (transfer full): the date as the shop's locale writes it ("07.12.2026"), or an empty
 *   string for 0.
 */
char *
reg_shop_format_date (RegShop *self, gint32 day)
{
  ClvMoneyFormat fmt;

  if (day <= 0)
    return g_strdup ("");
  reg_shop_get_money_format (self, &fmt);
  return clv_date_format_locale (day, fmt.locale->date_order, fmt.locale->date_separator);
}

static gboolean
validate_customer (const RegCustomerRecord *rec, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (rec->name != NULL ? rec->name : ""));
  g_autofree char *why = NULL;
  const char *texts[] = { rec->phone, rec->channel };
  const char *labels[] = { _("Phone"), _("Channel") };

  if (*name == '\0')
    return invalid_field (error, _("Name"), rec->name, _("a customer needs a name"));
  if (!g_utf8_validate (rec->name, -1, NULL) || g_utf8_strlen (name, -1) > CLV_NAME_MAX_CHARS)
    {
      why = g_strdup_printf (_("must be at most %u characters"), (guint) CLV_NAME_MAX_CHARS);
      return invalid_field (error, _("Name"), rec->name, why);
    }
  if (clv_text_has_control (rec->name, FALSE))
    return invalid_field (error, _("Name"), rec->name,
                          _("has a control character (such as ESC or BEL)"));
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    if (clv_text_has_control (texts[i], FALSE))
      return invalid_field (error, labels[i], texts[i],
                            _("has a control character (such as ESC or BEL)"));
  if (clv_text_has_control (rec->notes, TRUE))
    return invalid_field (error, _("Notes"), rec->notes,
                          _("has a control character (such as ESC or BEL)"));
  if (rec->email != NULL && *rec->email != '\0')
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (rec->email));
      if (!clv_email_is_valid (trimmed))
        return invalid_field (error, _("Email"), rec->email, _("is not an e-mail address"));
    }
  if (rec->acquisition_cost < 0 || rec->acquisition_cost > CLV_MONEY_MAX)
    return invalid_field (error, _("Acquisition cost"), "", _("is out of range"));
  return TRUE;
}

/* Trims text fields and turns empty ones into NULL, so "no e-mail" is one thing. */
static RegCustomerRecord *
normalised_copy (const RegCustomerRecord *rec)
{
  RegCustomerRecord *copy = reg_customer_record_copy (rec);
  char **fields[] = { &copy->name, &copy->email, &copy->phone, &copy->channel, &copy->notes };

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    if (*fields[i] != NULL)
      {
        g_strstrip (*fields[i]);
        if (**fields[i] == '\0')
          g_clear_pointer (fields[i], g_free);
      }
  if (copy->email != NULL)
    {
      /* the address's key, the same under every locale and on every way in */
      char *folded = clv_email_fold (copy->email);
      g_free (copy->email);
      copy->email = folded;
    }
  return copy;
}

/* One e-mail address, one customer: merging is the way to join two. @self_id is the customer
 * being edited (0 when adding), who may keep the address they have. */
static gboolean
check_email_free (RegShop *self, const RegCustomerRecord *copy, gint64 self_id, GError **error)
{
  g_autoptr(GArray) holders = NULL;
  g_autofree char *why = NULL;
  gint64 other = 0;

  if (copy->email == NULL)
    return TRUE;
  if ((holders = reg_store_find_customers_by_email (self->store, copy->email, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < holders->len && other == 0; i++)
    if (g_array_index (holders, gint64, i) != self_id)
      other = g_array_index (holders, gint64, i);
  if (other == 0)
    return TRUE;
  if (self_id > 0)
    {
      RegCustomerRecord old = { 0 };
      gboolean same = FALSE;

      /* a shop from before this rule may hold two customers with one address: each may still
       * be edited as long as the address stays what it was */
      if (reg_store_get_customer (self->store, self_id, &old, NULL) && old.email != NULL)
        {
          g_autofree char *was = clv_email_fold (old.email);
          same = g_str_equal (was, copy->email);
        }
      reg_customer_record_clear (&old);
      if (same)
        return TRUE;
    }
  /* TRANSLATORS: the number is the id of the customer who has the address */
  why = g_strdup_printf (_("customer %" PRId64 " already has this address; merge the two "
                           "customers to join them"), other);
  return invalid_field (error, _("Email"), copy->email, why);
}

/**
 * reg_shop_add_customer:
 * @self: the shop
 * @rec: the new customer (its id is ignored); names and e-mail addresses are checked and
 *   normalised, money in minor units
 * @error: %REG_SHOP_ERROR_INVALID naming the field and the value (an e-mail address another
 *   customer has already, among others), or a database error
 *
 * Emits "changed" (%REG_SHOP_CHANGE_CUSTOMER).
 *
 * Returns: the new customer's id, or 0 on error.
 */
gint64
reg_shop_add_customer (RegShop *self, const RegCustomerRecord *rec, GError **error)
{
  g_autoptr(RegCustomerRecord) copy = NULL;
  gint64 id;

  if (!validate_customer (rec, error))
    return 0;
  copy = normalised_copy (rec);
  if (!check_email_free (self, copy, 0, error))
    return 0;
  id = reg_store_insert_customer (self->store, copy, error);
  if (id > 0)
    reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, id);
  return id;
}

/**
 * reg_shop_edit_customer:
 * @self: the shop
 * @rec: the customer as edited, by its id; checked as reg_shop_add_customer() checks a new one
 * @error: %REG_SHOP_ERROR_INVALID, %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * Emits "changed" (%REG_SHOP_CHANGE_CUSTOMER).
 *
 * Returns: %TRUE when saved; on error the customer is as they were.
 */
gboolean
reg_shop_edit_customer (RegShop *self, const RegCustomerRecord *rec, GError **error)
{
  g_autoptr(RegCustomerRecord) copy = NULL;

  if (!validate_customer (rec, error))
    return FALSE;
  copy = normalised_copy (rec);
  if (!check_email_free (self, copy, rec->id, error)
      || !reg_store_update_customer (self->store, copy, error))
    return FALSE;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, rec->id);
  return TRUE;
}

/**
 * reg_shop_get_customer:
 * @self: the shop
 * @id: a customer's id
 * @out: (out caller-allocates): the customer; clear it with reg_customer_record_clear()
 * @error: %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * Returns: %TRUE when @out was filled.
 */
gboolean
reg_shop_get_customer (RegShop *self, gint64 id, RegCustomerRecord *out, GError **error)
{
  return reg_store_get_customer (self->store, id, out, error);
}

/**
 * reg_shop_archive_customer:
 * @self: the shop
 * @id: a customer's id
 * @archived: %TRUE to archive (kept, out of lists and segments), %FALSE to bring back
 * @error: %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * Emits "changed" (%REG_SHOP_CHANGE_CUSTOMER).
 *
 * Returns: %TRUE when done.
 */
gboolean
reg_shop_archive_customer (RegShop *self, gint64 id, gboolean archived, GError **error)
{
  if (!reg_store_set_archived (self->store, id, archived, error))
    return FALSE;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, id);
  return TRUE;
}

/**
 * reg_shop_merge_customers:
 * @self: the shop
 * @keep_id: the customer who stays
 * @merge_id: the customer whose sales, answers and references move to @keep_id; kept as merged
 *   into @keep_id
 * @error: %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * In one transaction. Emits "changed" for both customers and their sales.
 *
 * Returns: %TRUE when merged; on error nothing changed.
 */
gboolean
reg_shop_merge_customers (RegShop *self, gint64 keep_id, gint64 merge_id, GError **error)
{
  if (!reg_store_merge_customers (self->store, keep_id, merge_id, error))
    return FALSE;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER_REMOVED, merge_id);
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, keep_id);
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, 0);
  return TRUE;
}

/**
 * reg_shop_delete_customer:
 * @self: the shop
 * @id: a customer's id
 * @error: %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * Removes the customer and every trace of them: sales, survey answers, scores, references,
 * campaign memberships. In one transaction. Emits "changed" (%REG_SHOP_CHANGE_CUSTOMER_REMOVED).
 *
 * Returns: %TRUE when deleted; on error nothing changed.
 */
gboolean
reg_shop_delete_customer (RegShop *self, gint64 id, GError **error)
{
  if (!reg_store_delete_customer (self->store, id, error))
    return FALSE;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER_REMOVED, id);
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, 0);
  return TRUE;
}

/**
 * reg_shop_find_customer:
 * @name_or_email: an id ("42"), an e-mail address, or a name (exact, case-insensitive)
 * Returns: the id, 0 when there is no such customer, -1 on a database error.
 */
gint64
reg_shop_find_customer (RegShop *self, const char *name_or_email, GError **error)
{
  char *end = NULL;
  gint64 id;

  if (name_or_email == NULL || *name_or_email == '\0')
    return 0;
  id = g_ascii_strtoll (name_or_email, &end, 10);
  if (end != name_or_email && *end == '\0' && id > 0)
    {
      RegCustomerRecord rec = { 0 };
      if (reg_store_get_customer (self->store, id, &rec, NULL))
        {
          reg_customer_record_clear (&rec);
          return id;
        }
      return 0;
    }
  if (strchr (name_or_email, '@') != NULL)
    return reg_store_find_customer_by_email (self->store, name_or_email, error);
  return reg_store_find_customer_by_name (self->store, name_or_email, error);
}

static gboolean
check_customer_exists (RegShop *self, gint64 customer_id, GError **error)
{
  RegCustomerRecord rec = { 0 };
  char buf[32];

  if (!reg_store_get_customer (self->store, customer_id, &rec, NULL))
    {
      g_snprintf (buf, sizeof buf, "%" PRId64, customer_id);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_NOT_FOUND,
                   _("Customer “%s”: there is no such customer"), buf);
      return FALSE;
    }
  if (rec.merged_into > 0)
    {
      g_snprintf (buf, sizeof buf, "%" PRId64, customer_id);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("Customer “%s”: was merged into customer %" PRId64), buf,
                   rec.merged_into);
      reg_customer_record_clear (&rec);
      return FALSE;
    }
  reg_customer_record_clear (&rec);
  return TRUE;
}

static gboolean
validate_sale_values (gint32 day, gint64 amount, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (day <= 0)
    return invalid_field (error, _("Date"), "", _("is not a date"));
  /* the same rule as every import (clv_date_check_sale) */
  if (!clv_date_check_sale (day, clv_date_today (), &local))
    {
      g_autofree char *iso = clv_date_format_iso (day);
      return invalid_field (error, _("Date"), iso, local->message);
    }
  if (amount == 0)
    return invalid_field (error, _("Amount"), "0", _("a sale of zero is not a sale"));
  if (amount > CLV_MONEY_MAX || amount < -CLV_MONEY_MAX)
    {
      g_autofree char *v = g_strdup_printf ("%" PRId64, amount);
      return invalid_field (error, _("Amount"), v, _("is out of range"));
    }
  return TRUE;
}

static gboolean
validate_note (const char *note, GError **error)
{
  if (clv_text_has_control (note, TRUE))
    return invalid_field (error, _("Note"), note,
                          _("has a control character (such as ESC or BEL)"));
  return TRUE;
}

/**
 * reg_shop_record_sale:
 * @amount: minor units; negative for a refund
 * Returns: the sale's id, or 0 with an error naming the field and value.
 */
gint64
reg_shop_record_sale (RegShop *self, gint64 customer_id, gint32 day, gint64 amount,
                      const char *note, GError **error)
{
  RegSaleRecord rec = { 0 };
  g_autofree char *trimmed = note != NULL ? g_strstrip (g_strdup (note)) : NULL;
  gint64 id;

  if (!check_customer_exists (self, customer_id, error)
      || !validate_sale_values (day, amount, error) || !validate_note (note, error))
    return 0;
  rec.customer_id = customer_id;
  rec.day = day;
  rec.amount = amount;
  rec.note = trimmed != NULL && *trimmed != '\0' ? trimmed : NULL;
  rec.source = (char *) "manual";
  id = reg_store_insert_sale (self->store, &rec, error);
  if (id > 0)
    {
      reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, id);
      reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, customer_id);
    }
  return id;
}

/* The lines' own checks, before anything is written: the same words whichever front typed
 * them. */
static gboolean
validate_lines (const RegSaleLineInput *lines, guint n_lines, GError **error)
{
  for (guint i = 0; i < n_lines; i++)
    {
      const RegSaleLineInput *line = &lines[i];
      g_autofree char *code = g_strstrip (g_strdup (line->code != NULL ? line->code : ""));
      g_autofree char *name = line->name != NULL ? g_strstrip (g_strdup (line->name)) : NULL;

      if (*code == '\0')
        return invalid_field (error, _("Product"), "", _("name the product's code"));
      if (!g_utf8_validate (code, -1, NULL) || g_utf8_strlen (code, -1) > 500)
        return invalid_field (error, _("Product"), code, _("must be at most 500 characters"));
      if (clv_text_has_control (code, FALSE))
        return invalid_field (error, _("Product"), code,
                              _("has a control character (such as ESC or BEL)"));
      if (name != NULL && (!g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > 500))
        return invalid_field (error, _("Product name"), name, _("must be at most 500 characters"));
      if (name != NULL && clv_text_has_control (name, FALSE))
        return invalid_field (error, _("Product name"), name,
                              _("has a control character (such as ESC or BEL)"));
      if (line->quantity == 0 || line->quantity > 1000000 || line->quantity < -1000000)
        {
          g_autofree char *v = g_strdup_printf ("%" PRId64, line->quantity);
          return invalid_field (error, _("Quantity"), v,
                                _("is not a whole number from 1 to 1000000 (negative for a return)"));
        }
      if (line->amount > CLV_MONEY_MAX || line->amount < -CLV_MONEY_MAX)
        {
          g_autofree char *v = g_strdup_printf ("%" PRId64, line->amount);
          return invalid_field (error, _("Line amount"), v, _("is out of range"));
        }
    }
  return TRUE;
}

/**
 * reg_shop_enter_sale:
 * @self: the shop
 * @sale: the sale: an existing customer's id or a new customer, the day, the amount, the note
 *   and the lines
 * @out_customer: (out) (optional): the customer's id (the new one's when one was added)
 * @error: %REG_SHOP_ERROR_INVALID naming the field and the value, or a database error
 *
 * Every field is checked before anything is written, and the customer, the sale and its lines
 * are written in one transaction: a refusal leaves the shop as it was. Emits "changed" for the
 * customer and the sale.
 *
 * Returns: the sale's id, or 0 on error.
 */
gint64
reg_shop_enter_sale (RegShop *self, const RegSaleInput *sale, gint64 *out_customer,
                     GError **error)
{
  g_autoptr(RegCustomerRecord) copy = NULL;
  g_autofree char *trimmed = sale->note != NULL ? g_strstrip (g_strdup (sale->note)) : NULL;
  RegSaleRecord rec = { 0 };
  gint64 customer_id = sale->customer_id, id;

  g_return_val_if_fail (REG_IS_SHOP (self), 0);
  g_return_val_if_fail ((sale->customer_id > 0) != (sale->new_customer != NULL), 0);

  if (sale->new_customer != NULL ? !validate_customer (sale->new_customer, error)
                                 : !check_customer_exists (self, customer_id, error))
    return 0;
  if (!validate_sale_values (sale->day, sale->amount, error) || !validate_note (sale->note, error)
      || !validate_lines (sale->lines, sale->n_lines, error))
    return 0;
  if (sale->new_customer != NULL)
    {
      copy = normalised_copy (sale->new_customer);
      if (!check_email_free (self, copy, 0, error))
        return 0;
    }
  if (!reg_store_begin (self->store, error))
    return 0;
  if (copy != NULL)
    customer_id = reg_store_insert_customer (self->store, copy, error);
  rec.customer_id = customer_id;
  rec.day = sale->day;
  rec.amount = sale->amount;
  rec.note = trimmed != NULL && *trimmed != '\0' ? trimmed : NULL;
  rec.source = (char *) "manual";
  id = customer_id > 0 ? reg_store_insert_sale (self->store, &rec, error) : 0;
  for (guint i = 0; id > 0 && i < sale->n_lines; i++)
    {
      const RegSaleLineInput *line = &sale->lines[i];
      g_autofree char *code = g_strstrip (g_strdup (line->code));
      g_autofree char *name = line->name != NULL ? g_strstrip (g_strdup (line->name)) : NULL;
      /* a code the shop does not know yet becomes a product, named by its code when the
       * owner gave no name */
      gint64 product = reg_store_product_id (self->store, code,
                                             name != NULL && *name != '\0' ? name : code, error);

      if (product == 0 || !reg_store_insert_sale_line (self->store, id, product, line->quantity,
                                                       line->amount, error))
        id = 0;
    }
  if (id == 0 || !reg_store_commit (self->store, error))
    {
      reg_store_rollback (self->store);
      return 0;
    }
  if (out_customer != NULL)
    *out_customer = customer_id;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, customer_id);
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, id);
  return id;
}

/**
 * reg_shop_record_sale_lines:
 * @self: the shop
 * @customer_id: an existing customer's id
 * @day: the sale's Julian day
 * @amount: minor units, negative for a refund
 * @note: (nullable): the owner's note
 * @lines: (array length=n_lines): what was sold
 * @n_lines: how many lines
 * @error: %REG_SHOP_ERROR_INVALID naming the field and the value, or a database error
 *
 * Records a sale with its line items in one transaction (reg_shop_enter_sale()).
 *
 * Returns: the sale's id, or 0 on error.
 */
gint64
reg_shop_record_sale_lines (RegShop *self, gint64 customer_id, gint32 day, gint64 amount,
                            const char *note, const RegSaleLineInput *lines, guint n_lines,
                            GError **error)
{
  RegSaleInput sale = { .customer_id = customer_id, .day = day, .amount = amount,
                        .note = note, .lines = lines, .n_lines = n_lines };

  /* no customer has an id below 1: the same error as any unknown id */
  if (customer_id <= 0)
    {
      check_customer_exists (self, customer_id, error);
      return 0;
    }
  return reg_shop_enter_sale (self, &sale, NULL, error);
}

/**
 * reg_shop_record_sale_new_customer:
 * @self: the shop
 * @customer: the new customer, checked as reg_shop_add_customer() checks one
 * @day: the sale's Julian day
 * @amount: minor units, negative for a refund
 * @note: (nullable): the owner's note
 * @out_customer: (out) (optional): the new customer's id
 * @error: %REG_SHOP_ERROR_INVALID naming the field and the value, or a database error
 *
 * The sales entry's "create new customer": both or neither, in one transaction
 * (reg_shop_enter_sale()).
 *
 * Returns: the sale's id, or 0 on error.
 */
gint64
reg_shop_record_sale_new_customer (RegShop *self, const RegCustomerRecord *customer, gint32 day,
                                   gint64 amount, const char *note, gint64 *out_customer,
                                   GError **error)
{
  RegSaleInput sale = { .new_customer = customer, .day = day, .amount = amount, .note = note };

  return reg_shop_enter_sale (self, &sale, out_customer, error);
}

/**
 * reg_shop_list_customer_sales:
 * @self: the shop
 * @customer_id: a customer's id, or 0 for every customer's sales
 * @limit: at most this many, 0 = all
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegSaleRecord): the sales, newest first, each with its
 *   customer's name; %NULL on error.
 */
GPtrArray *
reg_shop_list_customer_sales (RegShop *self, gint64 customer_id, guint limit, GError **error)
{
  return reg_store_list_sales (self->store, customer_id, limit, error);
}

/**
 * reg_shop_list_customer_feedback:
 * @self: the shop
 * @customer_id: a customer's id
 * @limit: at most this many, 0 = all
 * @error: a database error
 *
 * Returns: (transfer full) (element-type RegFeedbackRecord): the customer's survey answers,
 *   latest first; %NULL on error.
 */
GPtrArray *
reg_shop_list_customer_feedback (RegShop *self, gint64 customer_id, guint limit, GError **error)
{
  return reg_store_list_customer_feedback (self->store, customer_id, limit, error);
}

/**
 * reg_shop_edit_sale:
 * @self: the shop
 * @rec: the sale as edited, by its id (day, amount in minor units, note, customer)
 * @error: %REG_SHOP_ERROR_INVALID naming the field and the value,
 *   %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * Emits "changed" for the sale and its customers (the old and the new one).
 *
 * Returns: %TRUE when saved.
 */
gboolean
reg_shop_edit_sale (RegShop *self, const RegSaleRecord *rec, GError **error)
{
  RegSaleRecord old = { 0 };

  if (!reg_store_get_sale (self->store, rec->id, &old, error))
    return FALSE;
  if (!check_customer_exists (self, rec->customer_id, error)
      || !validate_sale_values (rec->day, rec->amount, error) || !validate_note (rec->note, error)
      || !reg_store_update_sale (self->store, rec, error))
    {
      reg_sale_record_clear (&old);
      return FALSE;
    }
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, rec->id);
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, rec->customer_id);
  if (old.customer_id != rec->customer_id)
    reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, old.customer_id);
  reg_sale_record_clear (&old);
  return TRUE;
}

/**
 * reg_shop_delete_sale:
 * Returns: (transfer full): the deleted sale, for Undo with reg_shop_restore_sale().
 */
RegSaleRecord *
reg_shop_delete_sale (RegShop *self, gint64 id, GError **error)
{
  g_autoptr(RegSaleRecord) rec = g_new0 (RegSaleRecord, 1);

  if (!reg_store_get_sale (self->store, id, rec, error)
      || !reg_store_delete_sale (self->store, id, error))
    return NULL;
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, id);
  reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, rec->customer_id);
  return g_steal_pointer (&rec);
}

/* Puts a deleted sale back with all its fields (its id may differ). */
/**
 * reg_shop_restore_sale:
 * @self: the shop
 * @rec: a sale as reg_shop_delete_sale() returned it
 * @error: %REG_SHOP_ERROR_NOT_FOUND when its customer is gone since, or a database error
 *
 * The Undo of a deletion: the sale comes back as it was (a new id).
 *
 * Returns: the sale's new id, or 0 on error.
 */
gint64
reg_shop_restore_sale (RegShop *self, const RegSaleRecord *rec, GError **error)
{
  gint64 id;

  if (!check_customer_exists (self, rec->customer_id, error))
    return 0;
  id = reg_store_insert_sale (self->store, rec, error);
  if (id > 0)
    {
      reg_shop_notify_changed (self, REG_SHOP_CHANGE_SALE, id);
      reg_shop_notify_changed (self, REG_SHOP_CHANGE_CUSTOMER, rec->customer_id);
    }
  return id;
}

/**
 * reg_shop_get_sale:
 * @self: the shop
 * @id: a sale's id
 * @out: (out caller-allocates): the sale; clear it with reg_sale_record_clear()
 * @error: %REG_SHOP_ERROR_NOT_FOUND, or a database error
 *
 * Returns: %TRUE when @out was filled.
 */
gboolean
reg_shop_get_sale (RegShop *self, gint64 id, RegSaleRecord *out, GError **error)
{
  return reg_store_get_sale (self->store, id, out, error);
}

/**
 * reg_shop_get_customers:
 * Returns: (transfer none): every customer not merged away, archived ones included (views
 *   filter them), as #RegCustomer items in id order.
 */
GListModel *
reg_shop_get_customers (RegShop *self)
{
  if (self->customers == NULL)
    self->customers = reg_customer_list_new (self);
  return self->customers;
}

/**
 * reg_shop_get_sales:
 * Returns: (transfer none): the most recent sales, newest first, as #RegSale items.
 */
GListModel *
reg_shop_get_sales (RegShop *self)
{
  if (self->sales == NULL)
    self->sales = reg_sale_list_new (self);
  return self->sales;
}
