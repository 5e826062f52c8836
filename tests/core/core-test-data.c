/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test data for the core suite: CDNOW loader and seeded simulators (see core-test-data.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core-test-data.h"
#include "reg-test-utils.h"

gint32
core_test_julian (guint32 ymd)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, ymd % 100, (ymd / 100) % 100, ymd / 10000);
  g_assert_true (g_date_valid (&d));
  return (gint32) g_date_get_julian (&d);
}

ClvSale *
core_test_load_cdnow (gsize *n_sales, guint32 *n_customers)
{
  g_autofree char *path = reg_test_shared_data_path ("cdnow", "cdnowElog.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *sales = g_array_new (FALSE, FALSE, sizeof (ClvSale));
  guint32 max_id = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      ClvSale s;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      s.customer = (guint32) g_ascii_strtoull (f[1], NULL, 10) - 1;
      s.day = core_test_julian ((guint32) g_ascii_strtoull (f[2], NULL, 10));
      s.amount = (gint64) llround (g_ascii_strtod (f[4], NULL) * 100.0);
      max_id = MAX (max_id, s.customer + 1);
      g_array_append_val (sales, s);
    }
  *n_sales = sales->len;
  *n_customers = max_id;
  return (ClvSale *) g_array_free (sales, FALSE);
}

double
core_test_gamma (GRand *rand, double shape, double rate)
{
  /* Marsaglia & Tsang (2000); shape < 1 by the boost U^(1/shape). */
  double boost = 1, d, c;

  if (shape < 1)
    {
      boost = pow (g_rand_double (rand) + 1e-300, 1.0 / shape);
      shape += 1;
    }
  d = shape - 1.0 / 3.0;
  c = 1.0 / sqrt (9.0 * d);
  for (;;)
    {
      double x, v, u;

      do
        {
          /* Box-Muller normal */
          double u1 = g_rand_double (rand) + 1e-300, u2 = g_rand_double (rand);

          x = sqrt (-2 * log (u1)) * cos (2 * G_PI * u2);
          v = 1 + c * x;
        }
      while (v <= 0);
      v = v * v * v;
      u = g_rand_double (rand);
      if (u < 1 - 0.0331 * x * x * x * x || log (u + 1e-300) < 0.5 * x * x + d * (1 - v + log (v)))
        return boost * d * v / rate;
    }
}

double
core_test_beta (GRand *rand, double a, double b)
{
  double x = core_test_gamma (rand, a, 1), y = core_test_gamma (rand, b, 1);

  return x / (x + y);
}

ClvSale *
core_test_simulate_bgnbd (GRand *rand, guint32 n_customers, gint32 first_day,
                          guint acquisition_days, double r, double alpha, double a, double b,
                          gint32 end_day, gsize *n_sales)
{
  GArray *sales = g_array_new (FALSE, FALSE, sizeof (ClvSale));

  for (guint32 c = 0; c < n_customers; c++)
    {
      double lambda = core_test_gamma (rand, r, alpha), p = core_test_beta (rand, a, b);
      double spend = core_test_gamma (rand, 4.0, 4.0 / 3000.0);   /* mean 30.00 */
      double t = first_day + g_rand_int_range (rand, 0, (gint32) acquisition_days);
      gint32 last = -1;
      gboolean first = TRUE;

      while (t <= end_day + 0.999)
        {
          gint32 day = (gint32) floor (t);

          if (day != last)
            {
              ClvSale s = { c, day, (gint64) llround (core_test_gamma (rand, 6.0, 6.0 / spend)) };

              g_array_append_val (sales, s);
              last = day;
              /* dropout after each repeat purchase (BG/NBD: not after the first) */
              if (!first && g_rand_double (rand) < p)
                break;
              first = FALSE;
            }
          t += -log (1 - g_rand_double (rand)) / lambda;
        }
    }
  *n_sales = sales->len;
  return (ClvSale *) g_array_free (sales, FALSE);
}

static double
exp_draw (GRand *rand, double rate)
{
  return -log (1 - g_rand_double (rand)) / rate;
}

void
core_test_sim_bgnbd (GRand *rand, double r, double alpha, double a, double b, double T,
                     double future, CoreSimCustomer *out)
{
  double lambda = core_test_gamma (rand, r, alpha), p = core_test_beta (rand, a, b), t = 0;
  gboolean alive = TRUE;

  out->x = 0;
  out->t_x = 0;
  out->T = T;
  out->future = 0;
  for (;;)
    {
      t += exp_draw (rand, lambda);
      if (t > T + future)
        break;
      if (t <= T)
        {
          out->x++;
          out->t_x = t;
        }
      else
        out->future++;
      if (g_rand_double (rand) < p)
        {
          alive = t > T;   /* died after this purchase: dead at T if it was before T */
          break;
        }
    }
  out->alive = alive;
}

void
core_test_sim_pareto (GRand *rand, double r, double alpha, double s, double beta, double T,
                      double future, CoreSimCustomer *out)
{
  double lambda = core_test_gamma (rand, r, alpha), mu = core_test_gamma (rand, s, beta);
  double life = exp_draw (rand, mu), t = 0;

  out->x = 0;
  out->t_x = 0;
  out->T = T;
  out->future = 0;
  out->alive = life > T;
  for (;;)
    {
      t += exp_draw (rand, lambda);
      if (t > life || t > T + future)
        break;
      if (t <= T)
        {
          out->x++;
          out->t_x = t;
        }
      else
        out->future++;
    }
}

ClvSummary *
core_test_cdnow_calibration (void)
{
  gsize n;
  guint32 nc;
  g_autofree ClvSale *sales = core_test_load_cdnow (&n, &nc);
  g_autoptr(GError) error = NULL;
  ClvSummary *s = clv_summary_compute (sales, n, nc, core_test_julian (19970930),
                                       core_test_julian (19980630), &error);

  g_assert_no_error (error);
  return s;
}
