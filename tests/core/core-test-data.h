/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test data for the core suite: the CDNOW sample log from ../shared/data/cdnow as ClvSale
 * (customer = sample id - 1, day = Julian day, amount in cents) and a seeded BG/NBD simulator.
 */
#pragma once

#include <glib.h>
#include "clv-summary.h"
#include "clv-types.h"

G_BEGIN_DECLS

/* Julian day of a YYYYMMDD integer. */
gint32 core_test_julian (guint32 yyyymmdd);

/* Loads cdnowElog.csv; aborts the test on error. Returns (transfer full) an array of ClvSale. */
ClvSale *core_test_load_cdnow (gsize *n_sales, guint32 *n_customers);
/* The CDNOW summary of the published fits: calibration to 1997-09-30, holdout to 1998-06-30.
 * Returns (transfer full). */
ClvSummary *core_test_cdnow_calibration (void);

/**
 * core_test_simulate_bgnbd:
 * @rand: seeded generator
 * @n_customers: customers, each with a first purchase on a day uniform in [@first_day,
 *   @first_day + @acquisition_days)
 * @r, @alpha, @a, @b: BG/NBD parameters with times in days
 * @end_day: observation end
 * @repeat_first: when TRUE, each purchase day also gets a second line (merged into the day)
 *
 * Simulates the BG/NBD story (Poisson purchases at rate lambda ~ Gamma (r, alpha), dropout with
 * probability p ~ Beta (a, b) after each repeat purchase), purchase amounts Gamma-Gamma-like.
 * Returns (transfer full) sales sorted by (customer, day).
 */
ClvSale *core_test_simulate_bgnbd (GRand *rand, guint32 n_customers, gint32 first_day,
                                   guint acquisition_days, double r, double alpha, double a,
                                   double b, gint32 end_day, gsize *n_sales);

/* Gamma (shape, rate) and Beta draws from a GRand (Marsaglia & Tsang 2000). */
double core_test_gamma (GRand *rand, double shape, double rate);
double core_test_beta (GRand *rand, double a, double b);

G_END_DECLS

G_BEGIN_DECLS

/**
 * CoreSimCustomer:
 * Continuous-time draw of one customer observed over (0, T] after a first purchase at 0:
 * x repeat purchases, last at t_x, whether alive at T, and purchases in (T, T + future].
 */
typedef struct
{
  guint32 x;
  double t_x, T;
  gboolean alive;
  guint32 future;
} CoreSimCustomer;

/* BG/NBD story: lambda ~ Gamma (r, alpha), p ~ Beta (a, b), dropout after each repeat purchase. */
void core_test_sim_bgnbd (GRand *rand, double r, double alpha, double a, double b, double T,
                          double future, CoreSimCustomer *out);
/* Pareto/NBD story: lambda ~ Gamma (r, alpha), lifetime ~ Exp (mu), mu ~ Gamma (s, beta). */
void core_test_sim_pareto (GRand *rand, double r, double alpha, double s, double beta, double T,
                           double future, CoreSimCustomer *out);

G_END_DECLS
