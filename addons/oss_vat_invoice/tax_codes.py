# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Codes the taxes of the EU VAT decision carry (plain Python, no ORM)."""

#: Tax report tags (account.account.tag names of the seller country's return) for the
#: base of goods supplies we create taxes for. Only Luxembourg is sourced: box 457
#: "Intra-Community supply of goods" and box 014 "Exports" (l10n_lu tax report).
#: Box 226 (OSS turnover) is unverified and left out.
RETURN_TAGS = {
    "LU": {"ic_supply": "457", "export": "014"},
}
#: UBL/CII tax category and exemption reason (fields of account_edi_ubl_cii,
#: when installed).
UBL_CODES = {
    "ic_supply": ("K", "VATEX-EU-IC"),
    "export": ("G", "VATEX-EU-G"),
    "oss": ("S", False),
}


def tax_key(kind, country_code="", rate=0.0, price_include=False):
    """The key (account.tax.oss_vat_key) of the tax for ``kind``: one tax per key and
    company, e.g. ``oss:FR:20:excl`` or ``ic_supply``."""
    if kind == "oss":
        included = "incl" if price_include else "excl"
        return f"oss:{country_code.upper()}:{rate:g}:{included}"
    return kind


def dated_tax_name(name, old_rate, new_rate):
    """The name a sibling tax of ``name`` at ``new_rate`` would carry in a chart of
    accounts ('17% S' -> '16% S'), or '' when the name does not show the rate."""
    old = f"{old_rate:g}%"
    if old not in name:
        return ""
    return name.replace(old, f"{new_rate:g}%", 1)
