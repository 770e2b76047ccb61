"""Letzshop's product file -> the columns of Odoo's product import (no ORM).

Letzshop exchanges catalogues as tab-separated product feeds in the Google
Shopping format, in one file per language: the one a seller uploads to Letzshop
and the one Letzshop lets them download (Letzshop marketplace integration,
"Letzshop-compatible CSV format (Google Shopping feed format)", columns ``id``
(SKU), ``title``, ``description``, ``link``, ``image_link``, ...:
https://git.wizard.lu/sboulahtit/orion/raw/commit/f141cc4e6a61b2131872849f7619fb755d11f4a8/app/modules/marketplace/docs/api.md
; product import "from Letzshop CSV feeds", "Google Shopping Feed format":
https://git.wizard.lu/sboulahtit/orion/raw/commit/fde58bea062f88e2b2bd317fc984ec7a2dfd9f24/app/modules/marketplace/docs/integration-guide.md
). No public document lists every column of Letzshop's file; the columns read
here are those of the Google Shopping product data specification
(https://support.google.com/merchants/answer/7052112) that this connector's own
feed writes (``models/letzshop_feed.py``: id, title, description, availability,
quantity, price, gtin, mpn, condition, link), plus ``shipping_weight``. Google
lets a feed prefix its columns with ``g:``; it is ignored. Other columns (links,
images, brand, availability, quantity) have no place on a product and are left
out: stock is counted in Odoo (opening stock), not copied from a feed.

:func:`is_product_file` recognises the file by its header;
:func:`to_import_rows` turns its rows into rows whose header is the label of
each product field, which Odoo's import screen maps by itself. Values that are
not understood (a price in another currency, a weight without unit) are passed
on unchanged, so that the import screen refuses them on their row.
"""

import re

#: Columns that together mark a Letzshop (Google Shopping) product file.
REQUIRED_COLUMNS = ("id", "title")
#: At least one of these must be there too (a plain "id,title" list is not one).
PRODUCT_COLUMNS = ("gtin", "price", "mpn")

#: Headers of the converted rows: the English labels of product.template fields.
NAME = "Name"
REFERENCE = "Internal Reference"
BARCODE = "Barcode"
PRICE = "Sales Price"
DESCRIPTION = "Sales Description"
WEIGHT = "Weight"
TYPE = "Product Type"
STORABLE = "Track Inventory"
PUBLISHED = "Publish on Letzshop"
HEADER = (
    NAME,
    REFERENCE,
    BARCODE,
    PRICE,
    DESCRIPTION,
    WEIGHT,
    TYPE,
    STORABLE,
    PUBLISHED,
)

#: Google Shopping shipping_weight units -> kilograms.
WEIGHT_UNITS = {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "oz": 0.028349523125}
_AMOUNT = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([A-Za-z]{3})?\s*$")
_WEIGHT = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*([A-Za-z]+)\s*$")


def column_key(header):
    """A header cell as the specification names it: lower case, no ``g:``."""
    key = (header or "").strip().lower()
    return key.removeprefix("g:")


def is_product_file(header):
    """Whether ``header`` (the first row, a list of cells) is Letzshop's."""
    keys = {column_key(cell) for cell in header}
    return all(c in keys for c in REQUIRED_COLUMNS) and any(
        c in keys for c in PRODUCT_COLUMNS
    )


def looks_like_product_file(first_line):
    """Whether the first line of a text file is Letzshop's (tab-separated)
    header: the file must then be read with tabs as separator."""
    return "\t" in first_line and is_product_file(first_line.split("\t"))


def price(value, currency):
    """``12.50 EUR`` or ``12,50`` -> ``12.50``; a price in another currency than
    ``currency`` (the company's) or not a number is returned unchanged."""
    match = _AMOUNT.match(value or "")
    if not match:
        return value
    amount, code = match.groups()
    if code and currency and code.upper() != currency.upper():
        return value
    return amount.replace(",", ".")


def weight(value):
    """``500 g`` -> ``0.5`` (kilograms); unknown units are returned unchanged."""
    if not (value or "").strip():
        return ""
    match = _WEIGHT.match(value)
    if not match or match.group(2).lower() not in WEIGHT_UNITS:
        return value
    kilograms = (
        float(match.group(1).replace(",", ".")) * WEIGHT_UNITS[match.group(2).lower()]
    )
    return f"{kilograms:.6g}"


def to_import_rows(rows, currency=None):
    """Rows of Letzshop's file (header first) -> rows for Odoo's product import
    (``HEADER`` first), one product per line, in the file's order.

    The reference is the file's ``id`` (Letzshop's SKU), unless it only repeats
    the GTIN (a feed written for a product without reference), then ``mpn``.
    Every product is a good whose stock Odoo tracks, published on Letzshop.
    """
    header, *lines = rows
    index = {column_key(cell): i for i, cell in enumerate(header)}

    def cell(line, column):
        i = index.get(column)
        return line[i].strip() if i is not None and i < len(line) else ""

    result = [list(HEADER)]
    for line in lines:
        gtin = cell(line, "gtin")
        reference = cell(line, "id")
        if reference == gtin:
            reference = cell(line, "mpn")
        result.append(
            [
                cell(line, "title"),
                reference,
                gtin,
                price(cell(line, "price"), currency),
                cell(line, "description"),
                weight(cell(line, "shipping_weight")),
                "Goods",
                "True",
                "True",
            ]
        )
    return result
