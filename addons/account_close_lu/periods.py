# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Return periods (month, quarter, year): bounds and labels. No ORM here."""

import datetime

PERIODICITIES = ("month", "quarter", "year")


def period_bounds(periodicity, year, number=1):
    """First and last day of period ``number`` (month 1-12, quarter 1-4, ignored for a
    year) of ``year``."""
    if periodicity == "year":
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if periodicity == "quarter":
        if not 1 <= number <= 4:
            raise ValueError(f"quarter {number} is not 1 to 4")
        first_month, months = 3 * (number - 1) + 1, 3
    elif periodicity == "month":
        if not 1 <= number <= 12:
            raise ValueError(f"month {number} is not 1 to 12")
        first_month, months = number, 1
    else:
        raise ValueError(f"unknown periodicity {periodicity!r}")
    start = datetime.date(year, first_month, 1)
    end_month = first_month + months
    next_start = (
        datetime.date(year + 1, 1, 1)
        if end_month > 12
        else datetime.date(year, end_month, 1)
    )
    return start, next_start - datetime.timedelta(days=1)


def period_of(periodicity, day):
    """``(year, number)`` of the period holding ``day``."""
    if periodicity == "year":
        return day.year, 1
    if periodicity == "quarter":
        return day.year, (day.month - 1) // 3 + 1
    return day.year, day.month


def period_label(periodicity, year, number=1):
    """``2025``, ``2025-Q4`` or ``2025-11``."""
    if periodicity == "year":
        return str(year)
    if periodicity == "quarter":
        return f"{year}-Q{number}"
    return f"{year}-{number:02d}"
