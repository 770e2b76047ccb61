# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Client of the European Commission's VIES REST API (no ORM).

Called directly (not through Odoo's IAP proxy), always with a timeout. The outcome is
one of three statuses:

* ``valid``: VIES confirmed the number (with the consultation number when the seller's
  own VAT number was sent as requester);
* ``invalid``: VIES answered that the number is not valid, or the number fails its
  syntax check (python-stdnum) so VIES is not even asked;
* ``pending``: no answer about the number (network error, timeout, HTTP 5xx or 429,
  MS_UNAVAILABLE and the like). Pending is never invalid, and never 0 % either.

API (research/vat.md 6.2): ``POST {base}/check-vat-number`` with a JSON body
``{countryCode, vatNumber, requesterMemberStateCode?, requesterNumber?}``; answer
``{countryCode, vatNumber, requestDate, valid, requestIdentifier, name, address}``,
errors as HTTP 200 with ``userError`` or as ``{"actionSucceed": false, "errorWrappers":
[{"error": ...}]}``.
"""

import json
import logging
from dataclasses import dataclass

import requests

_logger = logging.getLogger(__name__)

DEFAULT_URL = "https://ec.europa.eu/taxation_customs/vies/rest-api"
DEFAULT_TIMEOUT = 15  # seconds

#: Errors that say something about the number, not about the service.
INVALID_ERRORS = {"INVALID_INPUT", "INVALID"}
#: Everything else (SERVICE_UNAVAILABLE, MS_UNAVAILABLE, TIMEOUT, *_MAX_CONCURRENT_REQ,
#: IP_BLOCKED, VAT_BLOCKED, INVALID_REQUESTER_INFO ...) leaves the number pending.


@dataclass
class ViesResult:
    status: str  # valid / invalid / pending
    country_code: str
    vat_number: str
    request_date: str = ""
    request_identifier: str = ""
    name: str = ""
    address: str = ""
    error: str = ""
    raw: str = ""


def split_vat(vat):
    """('FR', '23334175221') from 'FR 233 341 752 21' (Greece is EL, Northern
    Ireland XI)."""
    compact = "".join(ch for ch in (vat or "") if ch.isalnum()).upper()
    return compact[:2], compact[2:]


def syntax_valid(vat):
    """python-stdnum's check of the number's format and check digits."""
    from stdnum.eu import vat as eu_vat
    from stdnum.exceptions import ValidationError

    try:
        eu_vat.validate(vat)
    except ValidationError:
        return False
    return True


def check_vat(
    vat, requester_vat="", base_url=DEFAULT_URL, timeout=DEFAULT_TIMEOUT, session=None
):
    """Ask VIES about ``vat``; return a :class:`ViesResult`."""
    country, number = split_vat(vat)
    if not syntax_valid(vat):
        return ViesResult("invalid", country, number, error="INVALID_SYNTAX")
    body = {"countryCode": country, "vatNumber": number}
    req_country, req_number = split_vat(requester_vat)
    if req_country and req_number:
        body.update(
            {"requesterMemberStateCode": req_country, "requesterNumber": req_number}
        )
    http = session or requests
    try:
        response = http.post(
            f"{base_url.rstrip('/')}/check-vat-number",
            json=body,
            timeout=timeout,
            headers={"Accept": "application/json"},
        )
    except requests.RequestException as exc:
        _logger.info("VIES unreachable for %s%s: %s", country, number, exc)
        return ViesResult("pending", country, number, error=type(exc).__name__)
    raw = response.text[:4000]
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return ViesResult(
            "pending",
            country,
            number,
            error=f"HTTP {response.status_code}: not JSON",
            raw=raw,
        )
    error = data.get("userError") or ""
    wrappers = data.get("errorWrappers") or []
    if wrappers and isinstance(wrappers, list):
        error = str(wrappers[0].get("error") or wrappers[0].get("message") or "ERROR")
    if response.status_code >= 400 or (error and error != "VALID"):
        status = (
            "invalid"
            if error in INVALID_ERRORS and response.status_code < 500
            else "pending"
        )
        return ViesResult(
            status,
            country,
            number,
            error=error or f"HTTP {response.status_code}",
            raw=raw,
        )
    if "valid" not in data:
        return ViesResult("pending", country, number, error="no 'valid' field", raw=raw)
    name = data.get("name") or data.get("traderName") or ""
    address = data.get("address") or data.get("traderAddress") or ""
    return ViesResult(
        "valid" if data["valid"] is True else "invalid",
        country,
        number,
        request_date=str(data.get("requestDate") or ""),
        request_identifier=str(data.get("requestIdentifier") or ""),
        name="" if name == "---" else name,
        address="" if address == "---" else address,
        raw=raw if raw else json.dumps(data),
    )
