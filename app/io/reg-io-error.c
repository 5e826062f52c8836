/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "reg-io-error.h"

G_DEFINE_QUARK (reg-io-error-quark, reg_io_error)
