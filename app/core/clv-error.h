/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The error domain of the core: bad input to a parser or a model that cannot be fitted.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CLV_ERROR (clv_error_quark ())

/**
 * ClvError:
 * @CLV_ERROR_INVALID: the input cannot be read (an amount, a date, a parameter)
 * @CLV_ERROR_AMBIGUOUS: the input can be read in two ways and the settings do not decide
 * @CLV_ERROR_RANGE: the input is readable but outside the allowed range
 * @CLV_ERROR_NOT_ENOUGH_DATA: too few customers or repeat purchases to fit a model
 * @CLV_ERROR_NO_CONVERGENCE: the optimiser did not find a maximum
 * @CLV_ERROR_CANCELLED: the caller asked to stop
 * @CLV_ERROR_CURRENCY: an amount states a currency other than the one expected
 */
typedef enum
{
  CLV_ERROR_INVALID,
  CLV_ERROR_AMBIGUOUS,
  CLV_ERROR_RANGE,
  CLV_ERROR_NOT_ENOUGH_DATA,
  CLV_ERROR_NO_CONVERGENCE,
  CLV_ERROR_CANCELLED,
  CLV_ERROR_CURRENCY,
} ClvError;

GQuark clv_error_quark (void);

G_END_DECLS
