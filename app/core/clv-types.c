/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers over the core's value types: time-unit lengths and stable ids.
 */
#include "config.h"

#include "clv-types.h"

double
clv_time_unit_days (ClvTimeUnit unit)
{
  switch (unit)
    {
    case CLV_TIME_DAY:
      return 1.0;
    case CLV_TIME_MONTH:
      return 365.25 / 12.0;
    case CLV_TIME_WEEK:
    default:
      return 7.0;
    }
}

const char *
clv_time_unit_id (ClvTimeUnit unit)
{
  switch (unit)
    {
    case CLV_TIME_DAY:
      return "day";
    case CLV_TIME_MONTH:
      return "month";
    case CLV_TIME_WEEK:
    default:
      return "week";
    }
}

const char *
clv_model_id (ClvModelKind model)
{
  switch (model)
    {
    case CLV_MODEL_AUTO:
      return "auto";
    case CLV_MODEL_BGNBD:
      return "bgnbd";
    case CLV_MODEL_MBGNBD:
      return "mbgnbd";
    case CLV_MODEL_PARETO:
      return "pareto";
    case CLV_MODEL_NONE:
    default:
      return "none";
    }
}
