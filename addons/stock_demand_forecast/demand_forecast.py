# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Demand forecasting and replenishment formulas, with no ORM in them.

A series is a list of daily demand quantities (floats), oldest first, with a
zero for each day without demand.

* Demand class (Syntetos & Boylan 2005): ADI, the average interval between two
  days with demand, and CV², the squared coefficient of variation of the
  non-zero quantities, split the products into smooth (ADI < 1.32,
  CV² < 0.49), intermittent (ADI >= 1.32, CV² < 0.49), erratic (ADI < 1.32,
  CV² >= 0.49) and lumpy (both above).
* Methods: simple exponential smoothing (SES) for smooth and erratic demand;
  the Syntetos-Boylan approximation (SBA, Croston's method corrected by
  ``1 - alpha / 2``) for intermittent demand; Teunter-Syntetos-Babai (TSB,
  which smooths the probability of a demand day) for lumpy demand, so that an
  item that stopped selling sees its forecast decay.
* Seasonality: with a year of history or more, one index per calendar month
  (mean demand of that month / overall mean), kept only when the months differ
  more than noise would explain (F test at the 0.1 % level) and the peak month
  is at least 20 % above the mean.
* Accuracy: the method is fitted without the last ``holdout`` days, its mean
  absolute error (MAE) on them is compared to the one of a naive forecast, the
  average of the 90 days before (what Odoo's replenishment report does).
* Safety stock ``SS = z * sqrt(L * sigma_d² + d² * sigma_L²)``, reorder point
  ``ROP = demand over L + SS``, economic order quantity
  ``EOQ = sqrt(2 D S / H)`` rounded up to the vendor's multiple and minimum.

References: Croston (1972), Syntetos & Boylan (2005), Teunter, Syntetos &
Babai (2011); R packages ``forecast::croston`` and ``tsintermittent``.
"""

import math
from itertools import pairwise
from statistics import NormalDist

SMOOTH = "smooth"
INTERMITTENT = "intermittent"
ERRATIC = "erratic"
LUMPY = "lumpy"
NO_DEMAND = "none"

SES = "ses"
CROSTON = "croston"
SBA = "sba"
TSB = "tsb"

ADI_CUTOFF = 1.32
CV2_CUTOFF = 0.49

ALPHA = 0.1
BETA = 0.1
HOLDOUT_DAYS = 28
NAIVE_DAYS = 90
SEASON_MIN_DAYS = 365
# F(11, large) critical value at the 0.1 % level
SEASON_F_CRITICAL = 3.1
SEASON_MIN_PEAK = 1.2

METHOD_BY_CLASS = {
    SMOOTH: SES,
    ERRATIC: SES,
    INTERMITTENT: SBA,
    LUMPY: TSB,
}


# ----------------------------------------------------------------------
# Classification
# ----------------------------------------------------------------------


def adi_cv2(series):
    """Average demand interval and squared coefficient of variation.

    ADI = number of periods / number of periods with demand. CV² uses the
    sample standard deviation of the non-zero quantities (0 with fewer than
    two of them). Returns ``(None, None)`` when there is no demand at all.
    """
    sizes = [value for value in series if value > 0]
    if not sizes:
        return None, None
    adi = len(series) / len(sizes)
    if len(sizes) < 2:
        return adi, 0.0
    mean = math.fsum(sizes) / len(sizes)
    variance = math.fsum((size - mean) ** 2 for size in sizes) / (len(sizes) - 1)
    return adi, variance / (mean * mean)


def classify(adi, cv2):
    """Demand class from ADI and CV² (Syntetos & Boylan cut-offs)."""
    if adi is None:
        return NO_DEMAND
    if adi < ADI_CUTOFF:
        return SMOOTH if cv2 < CV2_CUTOFF else ERRATIC
    return INTERMITTENT if cv2 < CV2_CUTOFF else LUMPY


# ----------------------------------------------------------------------
# Methods: each takes a series and an optional state (to continue a fit on
# more days) and returns ``(forecast per day, state)``.
# ----------------------------------------------------------------------


def ses(series, alpha=ALPHA, state=None):
    """Simple exponential smoothing, level initialised with the first value."""
    level = state
    for value in series:
        level = value if level is None else level + alpha * (value - level)
    return (level or 0.0), level


def croston(series, alpha=ALPHA, variant=CROSTON, state=None, init="first"):
    """Croston's method (and its SBA variant).

    The non-zero quantities ``z`` and the intervals ``p`` between them are
    smoothed separately, each updated when a demand occurs; the forecast per
    period is ``z / p`` (times ``1 - alpha / 2`` for SBA). Initialised with the
    first quantity and the first interval (periods up to and including the
    first demand) as in ``forecast::croston``, or, with ``init="mean"``, with
    the mean of all the intervals (``tsintermittent``).

    :param state: ``(z, p, periods since the last demand)`` from a previous call
    """
    if state is None:
        size = interval = None
        since = 0
        if init == "mean":
            days = [index for index, value in enumerate(series) if value > 0]
            if days:
                gaps = [days[0] + 1] + [b - a for a, b in pairwise(days)]
                interval = math.fsum(gaps) / len(gaps)
    else:
        size, interval, since = state
    for value in series:
        since += 1
        if value > 0:
            if size is None:
                size = value
                if interval is None:
                    interval = since
            else:
                size += alpha * (value - size)
                interval += alpha * (since - interval)
            since = 0
    if size is None:
        return 0.0, (None, interval, since)
    factor = 1 - alpha / 2 if variant == SBA else 1.0
    return factor * size / interval, (size, interval, since)


def tsb(series, alpha=ALPHA, beta=BETA, state=None):
    """Teunter-Syntetos-Babai: the probability of a demand day is smoothed
    every day (with ``beta``), the quantity only on demand days (with
    ``alpha``). Initialised at the first demand: quantity = that demand,
    probability = 1 / first interval. Forecast = probability * quantity."""
    if state is None:
        size = probability = None
        since = 0
    else:
        size, probability, since = state
    for value in series:
        if size is None:
            since += 1
            if value > 0:
                size = value
                probability = 1.0 / since
            continue
        if value > 0:
            size += alpha * (value - size)
            probability += beta * (1.0 - probability)
        else:
            probability -= beta * probability
    if size is None:
        return 0.0, (None, None, since)
    return probability * size, (size, probability, since)


def fit(method, series, state=None):
    """Dispatch to the method; returns ``(forecast per day, state)``."""
    if method == SES:
        return ses(series, state=state)
    if method in (CROSTON, SBA):
        return croston(series, variant=method, state=state)
    if method == TSB:
        return tsb(series, state=state)
    raise ValueError(f"unknown forecasting method {method!r}")


# ----------------------------------------------------------------------
# Seasonality
# ----------------------------------------------------------------------


def seasonal_indices(series, months):
    """Monthly seasonal indices, or ``None`` when the series shows none.

    :param months: calendar month (1-12) of each day of ``series``
    :return: dict ``{month: index}`` (mean of the month / overall mean)
    """
    count = len(series)
    if count < SEASON_MIN_DAYS:
        return None
    total = math.fsum(series)
    if total <= 0:
        return None
    sums = [0.0] * 13
    days = [0] * 13
    for value, month in zip(series, months, strict=True):
        sums[month] += value
        days[month] += 1
    if any(days[month] == 0 for month in range(1, 13)):
        return None
    mean = total / count
    # One-way analysis of variance of the days grouped by month.
    between = math.fsum(
        days[month] * (sums[month] / days[month] - mean) ** 2 for month in range(1, 13)
    )
    squares = math.fsum(value * value for value in series)
    within = squares - math.fsum(
        sums[month] ** 2 / days[month] for month in range(1, 13)
    )
    if within <= 0:
        f_value = math.inf if between > 0 else 0.0
    else:
        f_value = (between / 11) / (within / (count - 12))
    indices = {month: sums[month] / days[month] / mean for month in range(1, 13)}
    if f_value < SEASON_F_CRITICAL or max(indices.values()) < SEASON_MIN_PEAK:
        return None
    return indices


def deseasonalize(series, months, indices):
    return [
        value / indices[month] if indices[month] > 0 else 0.0
        for value, month in zip(series, months, strict=True)
    ]


# ----------------------------------------------------------------------
# Forecast of one product
# ----------------------------------------------------------------------


def mean_absolute_error(forecasts, actuals):
    if not actuals:
        return None
    return math.fsum(abs(f - a) for f, a in zip(forecasts, actuals, strict=True)) / len(
        actuals
    )


def forecast(series, months=None, future_months=None, holdout=HOLDOUT_DAYS):
    """Classify, choose the method, evaluate it and forecast.

    :param series: daily demand, oldest first, ending yesterday
    :param months: calendar month of each day of ``series`` (enables seasonality)
    :param future_months: calendar month of each day to forecast (its length is
        the horizon)
    :return: dict with ``demand_class``, ``method``, ``adi``, ``cv2``, ``mean``,
        ``std`` (sample standard deviation of the daily demand), ``level``
        (deseasonalised forecast per day), ``seasonal`` (indices or ``None``),
        ``daily`` (forecast of each future day), ``mae`` and ``naive_mae`` (on
        the last ``holdout`` days, ``None`` when the history is too short)
    """
    count = len(series)
    future_months = future_months or []
    adi, cv2 = adi_cv2(series)
    demand_class = classify(adi, cv2)
    mean = math.fsum(series) / count if count else 0.0
    std = (
        math.sqrt(math.fsum((value - mean) ** 2 for value in series) / (count - 1))
        if count > 1
        else 0.0
    )
    result = {
        "demand_class": demand_class,
        "method": METHOD_BY_CLASS.get(demand_class),
        "adi": adi,
        "cv2": cv2,
        "mean": mean,
        "std": std,
        "level": 0.0,
        "seasonal": None,
        "daily": [0.0] * len(future_months),
        "mae": None,
        "naive_mae": None,
    }
    if demand_class == NO_DEMAND:
        return result
    method = result["method"]
    indices = seasonal_indices(series, months) if months else None
    fitted = deseasonalize(series, months, indices) if indices else series
    evaluate = count >= holdout * 2
    train_end = count - holdout if evaluate else count
    level, state = fit(method, fitted[:train_end])
    if evaluate:
        actuals = series[train_end:]
        test_months = months[train_end:] if indices else None
        predictions = (
            [level * indices[month] for month in test_months]
            if indices
            else [level] * holdout
        )
        naive_window = series[max(0, train_end - NAIVE_DAYS) : train_end]
        naive = math.fsum(naive_window) / len(naive_window)
        result["mae"] = mean_absolute_error(predictions, actuals)
        result["naive_mae"] = mean_absolute_error([naive] * holdout, actuals)
        level, state = fit(method, fitted[train_end:], state=state)
    result["level"] = level
    result["seasonal"] = indices
    result["daily"] = [
        level * indices[month] if indices else level for month in future_months
    ]
    return result


# ----------------------------------------------------------------------
# Replenishment
# ----------------------------------------------------------------------


def z_score(service_level):
    """z of a cycle service level (0.95 -> 1.6449), stdlib NormalDist."""
    if not 0.0 < service_level < 1.0:
        raise ValueError("the service level must be between 0 and 1 (excluded)")
    return NormalDist().inv_cdf(service_level)


def safety_stock(service_level, demand_std, lead_days, demand_mean=0.0, lead_std=0.0):
    """``z * sqrt(L * sigma_d² + d² * sigma_L²)``; the second term is the lead
    time's own variability (0 when the vendor always delivers in L days)."""
    lead_days = max(lead_days, 0.0)
    variance = lead_days * demand_std**2 + (demand_mean * lead_std) ** 2
    return z_score(service_level) * math.sqrt(variance)


def demand_over(daily, days):
    """Forecast demand over the next ``days`` (fractional days count pro rata;
    beyond the forecast, its last day repeats)."""
    if days <= 0 or not daily:
        return 0.0
    whole = int(days)
    total = math.fsum(daily[:whole])
    if whole > len(daily):
        total += daily[-1] * (whole - len(daily))
    fraction = days - whole
    if fraction:
        total += fraction * (daily[whole] if whole < len(daily) else daily[-1])
    return total


def eoq(annual_demand, order_cost, holding_cost):
    """Economic order quantity ``sqrt(2 D S / H)``; 0 when undefined."""
    if annual_demand <= 0 or order_cost <= 0 or holding_cost <= 0:
        return 0.0
    return math.sqrt(2.0 * annual_demand * order_cost / holding_cost)


def round_order_qty(quantity, multiple=0.0, minimum=0.0):
    """Round ``quantity`` up to a multiple of ``multiple`` (a package), and up
    to the vendor's ``minimum`` (itself rounded up to the multiple)."""
    quantity = max(quantity, minimum, 0.0)
    if multiple and multiple > 0:
        # 1e-6: 12.0000001 packs (float noise) are 12, not 13
        quantity = math.ceil(quantity / multiple - 1e-6) * multiple
    return quantity


def lead_time_stats(samples):
    """Mean and sample standard deviation of observed lead times in days."""
    if not samples:
        return None, None
    mean = math.fsum(samples) / len(samples)
    if len(samples) < 2:
        return mean, 0.0
    variance = math.fsum((s - mean) ** 2 for s in samples) / (len(samples) - 1)
    return mean, math.sqrt(variance)


def stockout_offset(on_hand, events, daily):
    """First day (0 = today) on which the projected stock runs out.

    :param events: ``(day offset, incoming, outgoing)`` of the open receipts and
        promised deliveries (offsets before today count today)
    :param daily: forecast demand of each day from today on
    :return: day offset, or ``None`` when the stock lasts the whole forecast
    """
    moves = {}
    for offset, incoming, outgoing in events:
        offset = max(offset, 0)
        moves[offset] = moves.get(offset, 0.0) + incoming - outgoing
    level = on_hand
    for offset, demand in enumerate(daily):
        level += moves.get(offset, 0.0) - demand
        if level < -1e-9:
            return offset
    return None


def channel_buffers(available, demand_by_channel):
    """What each sales channel should hold back of ``available`` units.

    A channel may sell what the other channels will not need before the next
    delivery, but at least its fair share (proportional to its own forecast):
    ``buffer = min(demand of the others, available * (1 - share))``.

    :param demand_by_channel: ``{channel: forecast demand until the next
        delivery}``
    :return: ``{channel: (share, buffer)}``
    """
    available = max(available, 0.0)
    total = math.fsum(demand_by_channel.values())
    result = {}
    for channel, demand in demand_by_channel.items():
        if total <= 0:
            result[channel] = (0.0, 0.0)
            continue
        share = demand / total
        others = total - demand
        result[channel] = (share, min(others, available * (1.0 - share)))
    return result
