# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Client of the European Commission's VIES services (no ORM).

Called directly (not through Odoo's IAP proxy), always with a timeout and, outside
tests, only over https:

1. the official SOAP service (``checkVatService``, operation ``checkVatApprox``,
   WSDL shipped in ``wsdl/checkVatService.wsdl``, called with zeep): with the seller's
   own VAT number as requester it returns the consultation number
   (``requestIdentifier``) that proves the check;
2. the REST service as fallback when SOAP gives no answer about the number
   (``POST {base}/check-vat-number`` with ``{countryCode, vatNumber,
   requesterMemberStateCode?, requesterNumber?}``; errors as HTTP 200 with
   ``userError`` or ``{"actionSucceed": false, "errorWrappers": [...]}``).

The outcome is one of three statuses:

* ``valid``: VIES confirmed the number (with the consultation number when the seller's
  own VAT number was sent as requester);
* ``invalid``: VIES answered that the number is not valid, or the number fails its
  syntax check (python-stdnum) so VIES is not even asked;
* ``pending``: no answer about the number from either service (network error,
  timeout, HTTP 5xx or 429, MS_UNAVAILABLE and the like). Pending is never invalid,
  and never 0 % either.
"""

import json
import logging
import os
from dataclasses import dataclass
from urllib.parse import urlparse

import requests

_logger = logging.getLogger(__name__)

DEFAULT_URL = "https://ec.europa.eu/taxation_customs/vies/rest-api"
DEFAULT_SOAP_URL = "https://ec.europa.eu/taxation_customs/vies/services/checkVatService"
DEFAULT_TIMEOUT = 15  # seconds
WSDL_PATH = os.path.join(os.path.dirname(__file__), "wsdl", "checkVatService.wsdl")
SOAP_BINDING = "{urn:ec.europa.eu:taxud:vies:services:checkVat}checkVatBinding"

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
    source: str = ""  # soap / rest


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


def check_url(url, allow_http=False):
    """``url`` when it is https (or http with ``allow_http``, for local test
    servers); ValueError otherwise."""
    scheme = urlparse(url or "").scheme
    if scheme == "https" or (allow_http and scheme == "http"):
        return url
    raise ValueError(f"VIES address must be an https URL: {url!r}")


def check_vat(
    vat,
    requester_vat="",
    base_url=DEFAULT_URL,
    timeout=DEFAULT_TIMEOUT,
    session=None,
    soap_url=DEFAULT_SOAP_URL,
    allow_http=False,
):
    """Ask VIES about ``vat`` (SOAP, then REST); return a :class:`ViesResult`.

    ``soap_url`` empty skips SOAP. Raises ValueError for a non-https address."""
    check_url(base_url, allow_http)
    if soap_url:
        check_url(soap_url, allow_http)
    country, number = split_vat(vat)
    if not syntax_valid(vat):
        return ViesResult("invalid", country, number, error="INVALID_SYNTAX")
    req_country, req_number = split_vat(requester_vat)
    requester = (req_country, req_number) if req_country and req_number else None
    soap_error = ""
    if soap_url:
        result = check_vat_soap(country, number, requester, soap_url, timeout, session)
        if result.status != "pending":
            return result
        soap_error = result.error
        _logger.info(
            "VIES SOAP gave no answer for %s%s (%s): trying REST",
            country,
            number,
            soap_error,
        )
    result = check_vat_rest(country, number, requester, base_url, timeout, session)
    if result.status == "pending" and soap_error:
        result.error = f"SOAP {soap_error}; REST {result.error}"
    return result


def check_vat_soap(country, number, requester, soap_url, timeout, session=None):
    """checkVatApprox on the SOAP service at ``soap_url``."""
    import zeep
    from zeep.exceptions import Error as ZeepError
    from zeep.exceptions import Fault
    from zeep.helpers import serialize_object
    from zeep.transports import Transport

    transport = Transport(
        session=session or requests.Session(),
        timeout=timeout,
        operation_timeout=timeout,
    )
    params = {"countryCode": country, "vatNumber": number}
    if requester:
        params.update(
            {"requesterCountryCode": requester[0], "requesterVatNumber": requester[1]}
        )
    try:
        client = zeep.Client(WSDL_PATH, transport=transport)
        service = client.create_service(SOAP_BINDING, soap_url)
        answer = service.checkVatApprox(**params)
    except Fault as fault:
        error = (fault.message or "SOAP_FAULT").strip().upper()
        status = "invalid" if error in INVALID_ERRORS else "pending"
        return ViesResult(status, country, number, error=error, source="soap")
    except (requests.RequestException, ZeepError, ValueError) as exc:
        # ValueError covers lxml's XMLSyntaxError (an HTML maintenance page).
        return ViesResult(
            "pending", country, number, error=type(exc).__name__, source="soap"
        )
    data = serialize_object(answer, dict)
    if not isinstance(data, dict) or data.get("valid") is None:
        return ViesResult(
            "pending", country, number, error="no 'valid' field", source="soap"
        )
    name = data.get("traderName") or ""
    address = data.get("traderAddress") or ""
    return ViesResult(
        "valid" if data["valid"] is True else "invalid",
        country,
        number,
        request_date=str(data.get("requestDate") or ""),
        request_identifier=str(data.get("requestIdentifier") or ""),
        name="" if name == "---" else name,
        address="" if address == "---" else address,
        raw=json.dumps(data, default=str)[:4000],
        source="soap",
    )


def check_vat_rest(country, number, requester, base_url, timeout, session=None):
    """POST check-vat-number on the REST service at ``base_url``."""
    body = {"countryCode": country, "vatNumber": number}
    if requester:
        body.update(
            {"requesterMemberStateCode": requester[0], "requesterNumber": requester[1]}
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
        return ViesResult(
            "pending", country, number, error=type(exc).__name__, source="rest"
        )
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
            source="rest",
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
            source="rest",
        )
    if "valid" not in data:
        return ViesResult(
            "pending",
            country,
            number,
            error="no 'valid' field",
            raw=raw,
            source="rest",
        )
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
        source="rest",
    )
