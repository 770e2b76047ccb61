# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Seed data for the date-effective VAT rate table, and its cross-check.

Plain Python, no ORM. Two sources are combined:

* the standard rate of each country comes from the PyPI package ``eu-vat-rates-data``
  (European Commission TEDB, refreshed daily upstream): it holds one current standard
  rate, the list of reduced rates, the super-reduced and parking rate per country, but
  no dates and no product categories;
* which of those rates applies to each product VAT category, and the dated history of
  recent changes, is our own research (research/vat.md section 5, checked against the
  rates listed by the package: :func:`cross_check` proves every current category rate
  is one the package lists for that country, or a 0 % zero rate).

The accountant owns the table once installed: rows are editable, and "Check against
eu-vat-rates-data" lists what differs after the package is upgraded.
"""

import datetime

CATEGORIES = (
    # code, English name, sequence (first match wins when guessed from a domestic rate)
    ("standard", "Standard rate", 1),
    ("food", "Foodstuffs (excluding alcohol and catering)", 10),
    ("books", "Books (printed)", 20),
    ("press", "Newspapers and periodicals", 30),
    ("children_clothing", "Children's clothing and footwear", 40),
    ("medicines", "Medicines (pharmaceutical products)", 50),
    ("plants", "Live plants and cut flowers", 60),
    ("wine", "Still wine", 70),
)
CATEGORY_CODES = tuple(code for code, _name, _seq in CATEGORIES)

#: Current rates (package version 2026-09-29) per country, in CATEGORY_CODES order.
#: XI = Northern Ireland (UK rates, goods under EU rules).
CURRENT = {
    "AT": (20, 10, 10, 10, 20, 10, 13, 20),
    "BE": (21, 6, 6, 6, 21, 6, 6, 21),
    "BG": (20, 20, 9, 9, 20, 20, 20, 20),
    "CY": (19, 5, 5, 5, 19, 5, 19, 19),
    "CZ": (21, 12, 0, 12, 21, 12, 12, 21),
    "DE": (19, 7, 7, 7, 19, 19, 7, 19),
    "DK": (25, 25, 25, 0, 25, 25, 25, 25),
    "EE": (24, 24, 13, 9, 24, 13, 24, 24),
    "ES": (21, 10, 4, 4, 21, 4, 10, 21),
    "FI": (25.5, 13.5, 10, 10, 25.5, 10, 25.5, 25.5),
    "FR": (20, 5.5, 5.5, 2.1, 20, 10, 10, 20),
    "GR": (24, 13, 6, 6, 24, 6, 13, 24),
    "HR": (25, 13, 5, 5, 25, 5, 25, 25),
    "HU": (27, 18, 5, 5, 27, 5, 27, 27),
    "IE": (23, 0, 0, 9, 0, 0, 13.5, 23),
    "IT": (22, 10, 4, 4, 22, 10, 10, 22),
    "LT": (21, 21, 5, 5, 21, 5, 21, 21),
    "LU": (17, 3, 3, 3, 3, 3, 8, 14),
    "LV": (21, 21, 12, 12, 21, 12, 21, 21),
    "MT": (18, 0, 5, 5, 18, 0, 18, 18),
    "NL": (21, 9, 9, 9, 21, 9, 9, 21),
    "PL": (23, 5, 5, 8, 23, 8, 8, 23),
    "PT": (23, 6, 6, 6, 23, 6, 13, 13),
    "RO": (21, 11, 11, 11, 21, 11, 11, 21),
    "SE": (25, 6, 6, 6, 25, 25, 25, 25),
    "SI": (22, 9.5, 5, 5, 22, 9.5, 9.5, 22),
    "SK": (23, 19, 5, 5, 23, 5, 23, 23),
    "XI": (20, 0, 0, 0, 0, 20, 20, 20),
}


def _d(value):
    return datetime.date.fromisoformat(value) if value else None


#: Dated history: (country, categories, rate, date_from, date_to). "*" = every category
#: whose current rate is the standard rate. A current row starts the day after the last
#: history row of the same country and category ends.
HISTORY = (
    # Estonia: 20 -> 22 (2024-01-01) -> 24 (2025-07-01); 9 -> 13 and 5 -> 9 (2025-01-01)
    ("EE", "*", 20, None, "2023-12-31"),
    ("EE", "*", 22, "2024-01-01", "2025-06-30"),
    ("EE", ("books", "medicines"), 9, None, "2024-12-31"),
    ("EE", ("press",), 5, None, "2024-12-31"),
    # Finland: 24 -> 25.5 (2024-09-01); 14 -> 13.5 (2026-01-01)
    ("FI", "*", 24, None, "2024-08-31"),
    ("FI", ("food",), 14, None, "2025-12-31"),
    # Luxembourg: temporary 16/13/7 in 2023 (3 % unchanged)
    ("LU", "*", 17, None, "2022-12-31"),
    ("LU", "*", 16, "2023-01-01", "2023-12-31"),
    ("LU", ("wine",), 14, None, "2022-12-31"),
    ("LU", ("wine",), 13, "2023-01-01", "2023-12-31"),
    ("LU", ("plants",), 8, None, "2022-12-31"),
    ("LU", ("plants",), 7, "2023-01-01", "2023-12-31"),
    # Romania: 19 -> 21 and 5/9 -> 11 (2025-08-01)
    ("RO", "*", 19, None, "2025-07-31"),
    ("RO", ("food", "medicines", "plants"), 9, None, "2025-07-31"),
    ("RO", ("books", "press"), 5, None, "2025-07-31"),
    # Slovakia: 20 -> 23 (2025-01-01), 10 -> 19 / 5
    ("SK", "*", 20, None, "2024-12-31"),
    ("SK", ("food", "books", "press", "medicines"), 10, None, "2024-12-31"),
    # Czechia: 10/15 merged into 12, books to 0 (2024-01-01)
    ("CZ", ("food",), 15, None, "2023-12-31"),
    ("CZ", ("books", "press", "medicines", "plants"), 10, None, "2023-12-31"),
    # Lithuania: 9 % abolished, books and press to 5 (2026-01-01)
    ("LT", ("books", "press"), 9, None, "2025-12-31"),
    # Sweden: food 12 -> 6 from 2026-04-01 to 2027-12-31, back to 12 after
    ("SE", ("food",), 12, None, "2026-03-31"),
    ("SE", ("food",), 12, "2028-01-01", None),
)
#: Current rows that end (a temporary rate).
CURRENT_ENDS = {("SE", "food"): "2027-12-31"}


def seed_rows():
    """All rows of the seed table: dicts with country, category, rate, date_from,
    date_to (dates or None), source ('package' for the standard rate, else
    'research')."""
    rows = []
    last_end = {}
    for country, categories, rate, date_from, date_to in HISTORY:
        current = CURRENT[country]
        if categories == "*":
            categories = tuple(
                code
                for code, value in zip(CATEGORY_CODES, current, strict=True)
                if value == current[0]
            )
        for category in categories:
            rows.append(
                {
                    "country": country,
                    "category": category,
                    "rate": float(rate),
                    "date_from": _d(date_from),
                    "date_to": _d(date_to),
                    "source": "research",
                }
            )
            end = _d(date_to)
            key = (country, category)
            if end and (key not in last_end or end > last_end[key]):
                last_end[key] = end
    for country, rates in CURRENT.items():
        for category, rate in zip(CATEGORY_CODES, rates, strict=True):
            key = (country, category)
            start = last_end.get(key)
            rows.append(
                {
                    "country": country,
                    "category": category,
                    "rate": float(rate),
                    "date_from": start + datetime.timedelta(days=1) if start else None,
                    "date_to": _d(CURRENT_ENDS.get(key)),
                    "source": "package" if category == "standard" else "research",
                }
            )
    return rows


def package_rates():
    """The package's data: {country: {'standard': x, 'all': {rates}}, '_version': v}."""
    try:
        import eu_vat_rates_data
    except ImportError:  # pragma: no cover - declared in external_dependencies
        return {}
    result = {"_version": eu_vat_rates_data.data_version}
    for country, data in eu_vat_rates_data.dataset["rates"].items():
        rates = {float(data["standard"]), *map(float, data["reduced"] or ())}
        for key in ("super_reduced", "parking"):
            if data.get(key) is not None:
                rates.add(float(data[key]))
        result[country] = {"standard": float(data["standard"]), "all": rates}
    return result


def cross_check(rows, on_date, package=None):
    """Compare the rows valid on ``on_date`` with the package.

    Returns a list of (country, category, our rate, message) for every standard rate
    that differs from the package and every non-zero rate the package does not list.
    """
    package = package_rates() if package is None else package
    problems = []
    for row in rows:
        if row["date_from"] and on_date < row["date_from"]:
            continue
        if row["date_to"] and on_date > row["date_to"]:
            continue
        ref = package.get(row["country"])
        if not ref:
            problems.append(
                (row["country"], row["category"], row["rate"], "not in the package")
            )
            continue
        if row["category"] == "standard" and row["rate"] != ref["standard"]:
            problems.append(
                (
                    row["country"],
                    row["category"],
                    row["rate"],
                    f"package standard rate {ref['standard']}",
                )
            )
        elif row["rate"] and row["rate"] not in ref["all"]:
            rates = ", ".join(f"{r:g}" for r in sorted(ref["all"]))
            problems.append(
                (
                    row["country"],
                    row["category"],
                    row["rate"],
                    f"package rates: {rates}",
                )
            )
    return problems
