/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo shop generator. Each customer gets a purchase rate λ ~ Gamma(r, α) and a dropout
 * probability p ~ Beta(a, b) (the BG/NBD story, Fader, Hardie & Lee 2005): they buy at
 * exponential gaps and may drop out after each purchase. Spend per purchase follows the
 * Gamma-Gamma model (Fader & Hardie 2013): ν ~ Gamma(q, γ), each amount ~ Gamma(p, ν).
 * Randomness comes only from a GRand seeded by the caller, in a fixed order.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "clv-date.h"
#include "clv-text.h"
#include "reg-demo.h"
#include "reg-shop.h"
#include "reg-store.h"

static const char *first_names[] = {
  "Anna", "Ben", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira",
  "Lukas", "Maria", "Noah", "Olga", "Paul", "Quinn", "Rosa", "Sami", "Tara", "Umut", "Vera",
  "Will", "Xenia", "Yusuf", "Zoë", "Łukasz", "Søren", "Chloé", "Mateo", "Aisha", "Wei", "Priya",
  "Kenji", "Fatima", "Liam", "Emma", "Olivia", "Ethan", "Sofia", "Mia", "Leon", "Hannah",
  "Jakub", "Nina", "Omar", "Lea", "Tomás", "Ingrid", "Raj",
};

static const char *last_names[] = {
  "Müller", "Schmidt", "García", "Rossi", "Dubois", "Smith", "Jones", "Nowak", "Kowalski",
  "Jansen", "de Vries", "Silva", "Santos", "Yılmaz", "Kaya", "Ivanova", "Nielsen", "Larsen",
  "O'Brien", "Murphy", "Tanaka", "Wang", "Li", "Chen", "Khan", "Patel", "Haddad", "Novák",
  "Horvat", "Papadopoulos", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Martin",
  "Bernard", "Moreau", "Lopez", "Fernández", "Brown", "Taylor", "Wilson", "Evans", "King",
  "Bauer", "Koch", "Richter", "Klein", "Wolf",
};

static const struct { const char *name; gint64 cost; double share; } channels[] = {
  { "walk-in", 0, 0.35 }, { "word of mouth", 0, 0.2 }, { "instagram", 1200, 0.2 },
  { "google ads", 2500, 0.15 }, { "market stall", 500, 0.1 },
};

/**
 * reg_demo_options_init:
 * @opts: (out caller-allocates): options
 *
 * Fills in the defaults: 500 customers arriving over the 3 years up to today, seed 1.
 */
void
reg_demo_options_init (RegDemoOptions *opts)
{
  opts->customers = 500;
  opts->seed = 1;
  opts->end_day = 0;
  opts->years = 3;
}

/* Marsaglia & Tsang (2000) gamma sampler, shape k, scale 1; k < 1 via the boost k+1. */
static double
sample_gamma (GRand *rand, double k)
{
  double d, c, x, v, u;

  if (k < 1)
    {
      double boost = pow (g_rand_double (rand) + 1e-300, 1.0 / k);
      return sample_gamma (rand, k + 1) * boost;
    }
  d = k - 1.0 / 3.0;
  c = 1.0 / sqrt (9.0 * d);
  for (;;)
    {
      do
        {
          /* Box-Muller normal */
          double u1 = g_rand_double (rand) + 1e-300, u2 = g_rand_double (rand);
          x = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
          v = 1.0 + c * x;
        }
      while (v <= 0);
      v = v * v * v;
      u = g_rand_double (rand);
      if (u < 1 - 0.0331 * x * x * x * x || log (u) < 0.5 * x * x + d * (1 - v + log (v)))
        return d * v;
    }
}

static double
sample_beta (GRand *rand, double a, double b)
{
  double x = sample_gamma (rand, a), y = sample_gamma (rand, b);
  return x / (x + y);
}

static char *
ascii_fold (const char *s)
{
  g_autofree char *lower = clv_text_fold (s, -1);   /* the same under tr_TR */
  char *folded = g_str_to_ascii (lower, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
  g_free (folded);
  return g_string_free (out, FALSE);
}

typedef struct
{
  RegStore        *store;
  RegDemoProgress  progress;
  gpointer         progress_data;
} DemoRun;

static gboolean
write_customers (DemoRun *run, const RegDemoOptions *opts, GRand *rand, gint32 end_day,
                 guint64 *out_sales, GError **error)
{
  /* population parameters, in days; chosen for about ten purchases per customer */
  const double r = 0.9, alpha = 16.0, a = 0.6, b = 4.5;
  const double spend_p = 4.0, spend_q = 3.5, spend_gamma = 2800.0;   /* cents */
  gint32 start_day = end_day - (gint32) (opts->years * 365.25);
  guint64 n_sales = 0;

  for (guint i = 0; i < opts->customers; i++)
    {
      RegCustomerRecord rec = { 0 };
      const char *first = first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const char *last = last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      double pick = g_rand_double (rand), acc = 0;
      gsize ch = 0;
      g_autofree char *name = g_strdup_printf ("%s %s", first, last);
      g_autofree char *f = ascii_fold (first), *l = ascii_fold (last);
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      gboolean has_email = g_rand_double (rand) < 0.85;
      double lambda, p_drop, nu, t;
      gint32 day;
      gint64 id;

      for (ch = 0; ch < G_N_ELEMENTS (channels) - 1; ch++)
        if (pick < (acc += channels[ch].share))
          break;
      email = g_strdup_printf ("%s.%s%u@%s", f, l, i + 1,
                               (i % 3) == 0 ? "example.com" : (i % 3) == 1 ? "example.org"
                                                                          : "example.net");
      phone = g_strdup_printf ("+49 30 %07u", (guint) g_rand_int_range (rand, 0, 9999999));
      /* arrivals spread over the years, a little denser recently as the shop grows */
      day = start_day + (gint32) ((end_day - start_day) * sqrt (g_rand_double (rand)));
      rec.name = name;
      rec.email = has_email ? email : NULL;
      rec.phone = g_rand_double (rand) < 0.6 ? phone : NULL;
      rec.channel = (char *) channels[ch].name;
      rec.acquisition_cost = channels[ch].cost;
      rec.acquired_day = day;
      rec.email_consent = has_email && g_rand_double (rand) < 0.75;
      id = reg_store_insert_customer (run->store, &rec, error);
      if (id == 0)
        return FALSE;

      lambda = sample_gamma (rand, r) / alpha;
      p_drop = sample_beta (rand, a, b);
      nu = sample_gamma (rand, spend_q) / spend_gamma;
      t = day;
      for (;;)
        {
          RegSaleRecord sale = { 0 };
          double amount = sample_gamma (rand, spend_p) / nu;

          sale.customer_id = id;
          sale.day = (gint32) t;
          sale.amount = (gint64) CLAMP (round (amount), 100, 500000);
          sale.source = (char *) "demo";
          if (reg_store_insert_sale (run->store, &sale, error) == 0)
            return FALSE;
          n_sales++;
          /* now and then a refund a few days later, part or all of the purchase */
          if (g_rand_double (rand) < 0.03 && t + 3 <= end_day)
            {
              sale.day = (gint32) t + g_rand_int_range (rand, 1, 4);
              sale.amount = -(sale.amount * g_rand_int_range (rand, 3, 11) / 10);
              sale.note = (char *) "refund";
              if (sale.amount != 0 && reg_store_insert_sale (run->store, &sale, error) == 0)
                return FALSE;
              n_sales++;
            }
          if (g_rand_double (rand) < p_drop)
            break;
          t += -log (1.0 - g_rand_double (rand)) / lambda;
          if (t > end_day)
            break;
        }
      if (run->progress != NULL && (i % 1000) == 999
          && !run->progress (i + 1, opts->customers, run->progress_data))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
          return FALSE;
        }
    }
  *out_sales = n_sales;
  return TRUE;
}

/**
 * reg_demo_write:
 * @path: a shop file; created when missing. It must hold no customers yet.
 *
 * Returns: %FALSE with an error, leaving the file as it was.
 */
gboolean
reg_demo_write (const char *path, const RegDemoOptions *opts, RegDemoProgress progress,
                gpointer progress_data, guint64 *out_sales, GError **error)
{
  g_autoptr(RegStore) store = NULL;
  g_autoptr(GRand) rand = NULL;
  DemoRun run = { NULL, progress, progress_data };
  gint32 end_day = opts->end_day > 0 ? opts->end_day : clv_date_from_ymd (2026, 10, 31);
  guint64 n_sales = 0;
  gboolean ok, in_place;
  static const char *settings[][2] = {
    { REG_SETTING_SHOP_NAME, "Corner Café (demo)" }, { REG_SETTING_CURRENCY, "EUR" },
    { REG_SETTING_LOCALE, "en_IE" }, { REG_SETTING_MARGIN, "0.6" },
    { REG_SETTING_ACQUISITION_COST, "900" },
  };

  /* Written into the shop itself, in one write transaction that first makes sure the shop is
   * empty: another command's customer or sale either came before (and the demo is refused) or
   * waits for the demo's commit. Replacing the file instead would drop whatever another
   * connection wrote meanwhile. A failed or cancelled demo rolls back and leaves the shop as
   * it was. */
  store = reg_store_open (path, REG_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  run.store = store;
  reg_store_set_cache_mb (store, 64);
  in_place = reg_store_write_in_place (store);
  if (!reg_store_begin (store, error))
    return FALSE;
  if (reg_store_count_customers (store, TRUE) > 0)
    {
      reg_store_rollback (store);
      g_set_error (error, REG_SHOP_ERROR, REG_SHOP_ERROR_INVALID,
                   _("The shop “%s” already has customers; the demo needs a new shop file"),
                   path);
      return FALSE;
    }
  rand = g_rand_new_with_seed (opts->seed);
  ok = reg_store_defer_indexes (store, "sales", error);
  reg_store_bulk_begin (store);
  for (gsize i = 0; ok && i < G_N_ELEMENTS (settings); i++)
    ok = reg_store_set_setting (store, settings[i][0], settings[i][1], error);
  ok = ok && write_customers (&run, opts, rand, end_day, &n_sales, error)
       && reg_store_restore_indexes (store, error)
       && reg_store_bulk_end (store, error)
       && reg_store_commit (store, error);
  if (!ok)
    reg_store_rollback (store);
  /* back to WAL for whoever opens the shop next; every open asks for it too */
  if (in_place && !reg_store_finish_unjournalled (store, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    return FALSE;
  if (out_sales != NULL)
    *out_sales = n_sales;
  return TRUE;
}
