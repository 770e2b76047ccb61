# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Which customs document a parcel needs, and whether a product's customs data is
complete (plain Python, no ORM).

Postal operators use the UPU declarations: CN22 for light, low-value items, CN23
above (UPU Convention, Regulations Art. 20; the UPU ceiling of the CN22 is 300 SDR).
Each operator sets its own limits: POST Luxembourg asks a CN22 up to 2 kg and
EUR 250, a CN23 above (https://www.post.lu/particuliers/courrier/formalites-douanieres);
PostNL uses 2 kg / EUR 425. Couriers (DHL, UPS, FedEx...) ask a commercial invoice.
"""

CN22 = "cn22"
CN23 = "cn23"
COMMERCIAL_INVOICE = "commercial_invoice"
PROVIDER = "provider"
NONE = "none"

#: carrier settings (delivery.carrier.customs_document_type)
POSTAL = "postal"
COURIER = "commercial_invoice"

#: POST Luxembourg's CN22 limits (kg, EUR): the defaults of a new carrier.
POST_LU_CN22_MAX_WEIGHT = 2.0
POST_LU_CN22_MAX_VALUE = 250.0

MIN_HS_DIGITS = 6


def choose_document(mode, weight, value, max_weight, max_value):
    """The document a parcel needs once it is known to cross a customs border.

    :param mode: the carrier's setting: ``postal``, ``commercial_invoice`` or
        ``provider`` (the shipping provider generates the papers itself)
    :param weight: gross weight of the parcel in kg
    :param value: value of its goods, in the currency of ``max_value``
    :param max_weight: the carrier's CN22 weight limit in kg (inclusive)
    :param max_value: the carrier's CN22 value limit (inclusive)
    """
    if mode == PROVIDER:
        return PROVIDER
    if mode == POSTAL:
        if weight <= max_weight and value <= max_value:
            return CN22
        return CN23
    return COMMERCIAL_INVOICE


def hs_code_digits(code):
    """The digits of an HS code as typed ('6109.10 00' -> '61091000')."""
    return "".join(char for char in (code or "") if char.isdigit())


def hs_code_valid(code):
    """An HS code customs accept: digits only once dots and spaces are removed,
    at least the 6 digits of the international Harmonized System."""
    cleaned = "".join((code or "").replace(".", "").split())
    return cleaned.isdigit() and len(cleaned) >= MIN_HS_DIGITS


def missing_fields(hs_code, origin_code):
    """Which customs fields a product lacks: a tuple of 'hs_code', 'origin'."""
    missing = []
    if not hs_code_valid(hs_code):
        missing.append("hs_code")
    if not origin_code:
        missing.append("origin")
    return tuple(missing)
