/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Special functions the models need, evaluated in log space where they can overflow:
 * log-sum-exp, log (1 - e^x), the Gauss hypergeometric 2F1 (a, b; a + 1; z) of the Pareto/NBD
 * likelihood and the BG/NBD expectation integral. Pure functions.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double clv_log_add_exp (double a, double b);      /* ln (e^a + e^b) */
double clv_log1m_exp (double x);                  /* ln (1 - e^x), x <= 0; -inf at 0 */

/**
 * clv_log_hyp2f1_a1:
 * @a: > 0; @b: > 0; @z: 0 <= z < 1
 *
 * ln 2F1 (a, b; a + 1; z), the form in the Pareto/NBD likelihood (Fader & Hardie 2005 note).
 * Euler's transformation 2F1 (a, b; a + 1; z) = (1 - z)^(1 - b) 2F1 (1, a + 1 - b; a + 1; z)
 * (Abramowitz & Stegun 15.3.3) gives a series of positive terms when a + 1 > b; otherwise, or
 * near z = 1, the integral a int_0^1 y^(a-1) (1 - z y)^(-b) dy (A&S 15.3.1) is evaluated by
 * adaptive quadrature (GSL QAWS). Always finite for valid arguments.
 */
double clv_log_hyp2f1_a1 (double a, double b, double z);

/**
 * clv_beta_mean_expect:
 * @n: > 0; @a, @B: Beta shape parameters > 0; @u: >= 0
 *
 * E[(1 - (1 + p u)^(-n)) / p] for p ~ Beta (a, B): the BG/NBD expected purchases of a customer
 * alive with posterior Gamma (n, alpha + T) rate and Beta (a, B) dropout, over t = u (alpha + T)
 * (FHL 2005 eq. 10 without the P(alive) factor; n = r + x, B = b + x). Equals
 * (a + B - 1)/(a - 1) [1 - (1 + u)^(-n) 2F1 (n, B; a + B - 1; u / (1 + u))]; evaluated by a
 * Pfaff/Euler-transformed series without the a = 1 singularity, or by QAWS quadrature of the
 * Beta integral when the series is slow (z near 1) or overflows.
 */
double clv_beta_mean_expect (double n, double a, double B, double u);

/* The same by quadrature only (for tests). */
double clv_beta_mean_expect_quad (double n, double a, double B, double u);
double clv_log_hyp2f1_a1_quad (double a, double b, double z);

G_END_DECLS
