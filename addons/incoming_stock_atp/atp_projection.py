# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Available-to-promise formulas, with no ORM in them.

The model methods gather, in a fixed number of SQL queries, the stock on hand of
each product and its open receipts and deliveries grouped by day. This module
turns these figures into a day-by-day projection and answers three questions:

* ``atp_at``: how many units can I still promise for date D? It is the lowest
  projected quantity from D onwards, so that an order promised after D keeps its
  units (Odoo's ``virtual_available`` at D ignores such orders).
* ``earliest_date``: from which day can I ship N more units without breaking a
  promise already made?
* ``publishable``: what a sales channel may show once its buffer is held back.

Dates are ``datetime.date`` objects. Receipts and deliveries that are overdue
(dated before ``today``) count today: they are still expected.
"""

import math
from collections import namedtuple

TimelineDay = namedtuple("TimelineDay", "date incoming outgoing projected atp")

BUFFER_UNITS = "units"
BUFFER_PERCENT = "percent"

# Quantities below this are rounding noise (Odoo rounds stock to 0.01 at most).
EPSILON = 1e-6


def merge_events(events, today):
    """Group ``(date, incoming, outgoing)`` triples by day.

    Days before ``today`` are moved to ``today``. Returns a list sorted by date.
    """
    by_day = {}
    for day, incoming, outgoing in events:
        day = max(day, today)
        current = by_day.get(day)
        if current is None:
            by_day[day] = [incoming or 0.0, outgoing or 0.0]
        else:
            current[0] += incoming or 0.0
            current[1] += outgoing or 0.0
    return [(day, values[0], values[1]) for day, values in sorted(by_day.items())]


def timeline(on_hand, events, today):
    """Day-by-day projection.

    :param float on_hand: stock on hand now (reserved units included: their
        deliveries are among the outgoing events)
    :param events: iterable of ``(date, incoming, outgoing)`` with positive
        quantities
    :param date today: first day of the projection
    :return: list of :class:`TimelineDay`, the first one always ``today``;
        ``projected`` is the stock at the end of the day, ``atp`` the lowest
        projected stock from that day onwards.
    """
    days = merge_events(events, today)
    if not days or days[0][0] != today:
        days.insert(0, (today, 0.0, 0.0))
    projected = []
    level = on_hand
    for _day, incoming, outgoing in days:
        level += incoming - outgoing
        projected.append(level)
    result = [None] * len(days)
    lowest = math.inf
    for index in range(len(days) - 1, -1, -1):
        lowest = min(lowest, projected[index])
        day, incoming, outgoing = days[index]
        result[index] = TimelineDay(day, incoming, outgoing, projected[index], lowest)
    return result


def atp_from_timeline(rows, day):
    """ATP at ``day`` read from a :func:`timeline` result.

    The projection is constant between two rows, so the ATP of a day is the ATP
    of the last row on or before it. Before the first row, it is the first row's.
    """
    value = rows[0].atp
    for row in rows:
        if row.date > day:
            break
        value = row.atp
    return value


def atp_at(on_hand, events, day, today):
    """Units that can still be promised for ``day`` (may be negative: oversold)."""
    return atp_from_timeline(timeline(on_hand, events, today), max(day, today))


def figures(on_hand, events, today):
    """The headline figures of one product, in one pass and without a timeline.

    :return: dict with ``incoming`` and ``outgoing`` (totals), ``next_arrival``
        (first day with a receipt, or ``None``), ``atp_now`` (units that can be
        promised today: the lowest projected stock) and ``atp`` (units that can
        be promised for the day of the last receipt: the lowest projected
        stock from that day on; ``atp_now`` when nothing is on order).
    """
    days = merge_events(events, today)
    level = on_hand
    lowest = on_hand
    lowest_after_last_receipt = on_hand
    incoming_total = outgoing_total = 0.0
    next_arrival = None
    for day, incoming, outgoing in days:
        level += incoming - outgoing
        incoming_total += incoming
        outgoing_total += outgoing
        if incoming > EPSILON:
            if next_arrival is None:
                next_arrival = day
            lowest_after_last_receipt = level
        else:
            lowest_after_last_receipt = min(lowest_after_last_receipt, level)
        lowest = min(lowest, level)
    return {
        "incoming": incoming_total,
        "outgoing": outgoing_total,
        "next_arrival": next_arrival,
        "atp_now": lowest,
        "atp": lowest_after_last_receipt,
    }


def earliest_date(on_hand, events, quantity, today):
    """First day from which ``quantity`` more units can be promised.

    Returns ``None`` when even the last expected receipt is not enough.
    """
    for row in timeline(on_hand, events, today):
        if row.atp + EPSILON >= quantity:
            return row.date
    return None


def apply_buffer(quantity, buffer_type, buffer_value):
    """Publishable quantity: ``quantity`` minus the channel's buffer.

    A units buffer holds back that many units; a percentage buffer holds back that
    share of the quantity. The result is a whole number of units, rounded down,
    and never negative, so a channel never shows stock that is not there.
    """
    if quantity is None or quantity <= 0:
        return 0.0
    buffer_value = max(buffer_value or 0.0, 0.0)
    if buffer_type == BUFFER_PERCENT:
        value = quantity * (1.0 - min(buffer_value, 100.0) / 100.0)
    else:
        value = quantity - buffer_value
    return float(max(math.floor(value + EPSILON), 0))


def publishable(
    on_hand, events, today, incoming_until=None, buffer_type=None, buffer_value=0.0
):
    """What a channel may sell now of one product.

    :param events: ``(date, incoming, outgoing)`` triples
    :param incoming_until: last day of receipts that count (``None``: none count)
    :return: float, whole units
    """
    level = on_hand
    for day, incoming, outgoing in events:
        if incoming_until is not None and day <= incoming_until:
            level += incoming or 0.0
        level -= outgoing or 0.0
    # With receipts cut at ``incoming_until`` and every delivery counted, the
    # projection after the last counted receipt only goes down: the ATP at
    # ``incoming_until`` is the final level. Deliveries due before a receipt do
    # not lower it further: units sold now ship when the receipt arrives.
    return apply_buffer(level, buffer_type, buffer_value)
