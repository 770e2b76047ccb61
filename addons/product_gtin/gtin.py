# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""GS1 GTIN normalisation, without the ORM.

A GTIN (GTIN-8, UPC-A = GTIN-12, EAN-13 = GTIN-13, GTIN-14) is one number written
right-aligned in a 14-digit field: the same product may be written
``4006381333931``, ``04006381333931`` or, when a spreadsheet dropped the zeros of a
UPC-A, ``12345678905``. :func:`normalize` turns every notation into the 14-digit
form, so that two notations of one product compare equal.

Reference: GS1 General Specifications (GTIN formats, application identifier 01,
check digit calculation),
https://www.gs1.org/standards/barcodes-epcrfid-id-keys/gs1-general-specifications.
The check digit is verified with python-stdnum (``stdnum.ean``).

GS1 element strings (GS1-128, GS1 DataMatrix, ``(01)...``) are read here rather than
with ``stdnum.gs1_128``: that module loads its table of application identifiers from
a data file at import, and inside Odoo 19 it cannot (Odoo's import hook for stdnum,
``odoo/_monkeypatches``, replaces the package's loader, so importlib.resources fails
with "Can't open orphan path"). Only AI 01 is needed, and it has a fixed length.
"""

import re

from stdnum import ean

GTIN_LENGTH = 14
# GTIN-8 is the shortest GTIN. A shorter number is not a GTIN whose leading zeros
# were dropped: GTIN-8 numbers starting with 0 are GS1 restricted circulation
# numbers (velocity codes), never trade items, so a 1-7 digit code is an internal
# reference (SKU, shelf code), not a GTIN.
MIN_GTIN_LENGTH = 8
# Symbology identifiers a scanner may send before a GS1 element string (ISO/IEC
# 15424): GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR Code.
GS1_SYMBOLOGY_IDS = ("]C1", "]e0", "]d2", "]Q3")
_DIGITS = re.compile(r"[0-9]+")
# AI 01 is always 14 digits: in brackets anywhere in a human-readable string...
_AI01_BRACKETED = re.compile(r"\(01\)([0-9]{14})(?=\(|$)")
# ... and first in a raw one (GS1 puts AI 01 first; what follows it, after or
# without an FNC1 separator, does not matter here).
_AI01_RAW = re.compile(r"01([0-9]{14})")


def _from_element_string(code):
    """The GTIN (AI 01) of a GS1 element string, or None."""
    for symbology in GS1_SYMBOLOGY_IDS:
        if code.startswith(symbology):
            code = code[len(symbology) :]
            break
    match = _AI01_BRACKETED.search(code) or _AI01_RAW.match(code)
    return match.group(1) if match else None


def normalize(code):
    """The 14-digit GTIN of ``code``, or None when ``code`` is not a valid GTIN.

    ``code`` may be a GTIN-8, UPC-A, EAN-13 or GTIN-14 with or without leading zeros
    (8 to 14 digits; spaces and hyphens between digits are ignored), or a GS1 element
    string holding AI 01 (``(01)04006381333931(17)261231``, ``]d201...``). The check
    digit must be right. Anything else (letters, fewer than 8 digits, more than 14,
    a wrong check digit, only zeros) gives None: the caller then treats the code as
    an internal reference, not a GTIN.

    >>> normalize("4006381333931")
    '04006381333931'
    >>> normalize("4006381333932") is None
    True
    """
    if not isinstance(code, str):
        return None
    code = code.strip()
    if code.startswith(("(", "]")) or len(ean.compact(code)) > GTIN_LENGTH:
        gtin = _from_element_string(code)
        if gtin is None:
            return None
        code = gtin
    digits = ean.compact(code)
    if not _DIGITS.fullmatch(digits):
        return None
    if not MIN_GTIN_LENGTH <= len(digits) <= GTIN_LENGTH:
        return None
    gtin = digits.zfill(GTIN_LENGTH)
    if not gtin.strip("0") or not ean.is_valid(gtin):
        return None
    return gtin
