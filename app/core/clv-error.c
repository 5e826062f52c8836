/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "clv-error.h"

G_DEFINE_QUARK (clv-error-quark, clv_error)
