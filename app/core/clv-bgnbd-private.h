/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to the core: BG/NBD and MBG/NBD share their likelihood up to a shift of one purchase
 * in the dropout terms, so one implementation (clv-bgnbd.c) fits both. shift 0 is BG/NBD,
 * shift 1 is MBG/NBD.
 */
#pragma once

#include "clv-bgnbd.h"

G_BEGIN_DECLS

/* Weighted total log-likelihood at @prm = (r, alpha, a, b); gradient into @grad or NULL. */
double   clv_bg_family_log_likelihood (int shift, const double *prm, const ClvRfTriple *triples,
                                       gsize n_triples, double *grad);
/* Maximum likelihood, as clv_bgnbd_fit_full(); @out's fields are (r, alpha, a, b). */
gboolean clv_bg_family_fit            (int shift, const ClvRfTriple *triples, gsize n_triples,
                                       const ClvFitOptions *fo, ClvBgnbdParams *out,
                                       GError **error);

G_END_DECLS
