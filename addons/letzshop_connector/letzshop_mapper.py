"""Letzshop shipment dicts -> Odoo values (plain Python, no ORM).

The importer (``models/letzshop_importer.py``) reads the database and writes
records; everything that only turns Letzshop's JSON into values lives here, so
that it can be read and tested without a database. Ids of Odoo records (products,
countries) are passed in; nothing here searches for them.
"""

from datetime import UTC, datetime

from . import letzshop_schema as schema

#: Letzshop order locales -> Odoo language codes (others: first installed match).
LOCALE_LANGS = {"fr": "fr_FR", "de": "de_DE", "en": "en_US", "lb": "lb_LU"}
#: Partner fields that make two addresses the same.
ADDRESS_FIELDS = ("name", "street", "zip", "city", "country_id")


def parse_datetime(value):
    """Naive UTC datetime from Letzshop's ISO 8601 string, False if unreadable."""
    if not value:
        return False
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    if parsed.tzinfo:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def email_key(email):
    """The e-mail as customers are matched: trimmed, lower case ('' if none)."""
    return (email or "").strip().lower()


def shipment_name(node):
    order = node.get("order") or {}
    return str(node.get("number") or order.get("number") or node["id"])


def shipment_vals(node, known_states):
    """Values of the ``letzshop.shipment`` binding for a shipment dict."""
    order = node.get("order") or {}
    return {
        "name": shipment_name(node),
        "order_number": order.get("number"),
        "letzshop_order_id": order.get("id"),
        "completed_date": parse_datetime(order.get("completedAt")),
        "customer_email": order.get("email"),
        "letzshop_total": float(order.get("total") or 0.0),
        "state": node.get("state") if node.get("state") in known_states else False,
        "raw_payload": node,
        "decision_error": False,
    }


def country_isos(nodes):
    """Upper-case ISO codes of every address of ``nodes``."""
    isos = set()
    for node in nodes:
        order = node.get("order") or {}
        for address in (order.get("shipAddress"), order.get("billAddress")):
            iso = ((address or {}).get("country") or {}).get("iso")
            if iso:
                isos.add(iso.upper())
    return isos


def address_vals(address, country_ids):
    """Partner values of a Letzshop address; ``country_ids``: {ISO: id}."""
    address = address or {}
    name = " ".join(filter(None, [address.get("firstName"), address.get("lastName")]))
    street = " ".join(
        filter(None, [address.get("streetName"), address.get("streetNumber")])
    )
    iso = ((address.get("country") or {}).get("iso") or "").upper()
    return {
        "name": name or address.get("company") or "",
        "company_name": address.get("company") or False,
        "street": street or False,
        "zip": address.get("zipCode") or False,
        "city": address.get("city") or False,
        "phone": address.get("phone") or False,
        "country_id": country_ids.get(iso, False),
    }


def order_addresses(order, country_ids):
    """(invoice values, delivery values): each falls back on the other."""
    bill = order.get("billAddress") or order.get("shipAddress")
    ship = order.get("shipAddress") or order.get("billAddress")
    return address_vals(bill, country_ids), address_vals(ship, country_ids)


def lang_for_locale(locale, installed):
    """The installed Odoo language of a Letzshop locale ('fr', 'de-LU'...)."""
    short = (locale or "").split("-")[0].split("_")[0].lower()
    code = LOCALE_LANGS.get(short)
    if code in installed:
        return code
    return next(
        (lang for lang in sorted(installed) if lang.startswith(short + "_")), False
    )


def variant_codes(variant):
    """(barcode, SKU) a Letzshop variant names its product by (None if absent)."""
    barcode = (variant.get("tradeId") or {}).get("number") or None
    return barcode, variant.get("sku") or None


def product_codes(nodes):
    """Every (barcode, SKU) pair of the units of ``nodes``."""
    return {
        variant_codes(unit.get("variant") or {})
        for node in nodes
        for unit in node.get("inventoryUnits") or []
    }


def line_groups(node):
    """[(key, variant, units)]: one sale order line per Letzshop variant."""
    groups = {}
    for unit in node.get("inventoryUnits") or []:
        variant = unit.get("variant") or {}
        key = str(variant.get("id") or variant.get("sku") or unit["id"])
        groups.setdefault(key, (variant, []))[1].append(unit)
    return [(key, variant, units) for key, (variant, units) in groups.items()]


def line_vals(key, variant, units):
    """Sale order line values of a variant's units (without the product)."""
    barcode, sku = variant_codes(variant)
    price = float(variant.get("price") or 0.0)
    return {
        "product_uom_qty": sum(
            1 for u in units if u.get("state") != schema.UNIT_STATE_DECLINED
        ),
        "price_unit": price,
        "letzshop_price_unit": price,
        "letzshop_variant_id": key,
        "letzshop_sku": sku or False,
        "letzshop_ean": barcode or False,
        "letzshop_unit_ids": [str(u["id"]) for u in units],
        "letzshop_unit_states": {str(u["id"]): u.get("state") for u in units},
        "letzshop_available_qty": len(units),
    }


def variant_label(variant):
    names = (variant.get("product") or {}).get("name") or {}
    return names.get("en") or names.get("fr") or names.get("de") or ""
