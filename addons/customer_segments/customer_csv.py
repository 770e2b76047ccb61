# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer CSV file (Mailchimp / Brevo import layout); no ORM in here."""

import csv
import io

CSV_HEADER = [
    "Email Address",
    "First Name",
    "Last Name",
    "Country",
    "Language",
    "Tags",
    "Orders",
    "Total Spent",
    "Last Order Date",
    "Consent",
    "Consent Date",
    "Legal Basis",
]


def csv_safe(value):
    """Neutralise spreadsheet formulas in text typed by buyers (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def split_name(name):
    """'Marie Dupont' -> ('Marie', 'Dupont'): first word, then the rest."""
    parts = (name or "").split(None, 1)
    if not parts:
        return "", ""
    if len(parts) == 1:
        return parts[0], ""
    return parts[0], parts[1]


def customers_csv(rows, legal_basis):
    """CSV text of ``rows``: tuples (email, name, is_company, country code, lang,
    tags, orders, total, last order date, consent, consent datetime)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for (
        email,
        name,
        is_company,
        country,
        lang,
        tags,
        orders,
        total,
        last,
        consent,
        consent_date,
    ) in rows:
        first, last_name = ("", name or "") if is_company else split_name(name)
        writer.writerow(
            [
                csv_safe(email),
                csv_safe(first),
                csv_safe(last_name),
                country or "",
                (lang or "").split("_")[0],
                csv_safe(",".join(dict.fromkeys(tags))),
                orders,
                f"{total:.2f}",
                last.isoformat() if last else "",
                consent or "unknown",
                consent_date.date().isoformat() if consent_date else "",
                csv_safe(legal_basis),
            ]
        )
    return buffer.getvalue()
