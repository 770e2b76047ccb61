# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Plain client for Sendcloud's API v3 (no ORM in here).

Endpoints used (all documented at https://sendcloud.dev/api/v3/index):

- ``POST /shipping-options`` with ``calculate_quotes``: rates of one shipping option
  for one or several parcels (price in ``data[].quotes[].price.total``, lead time in
  hours in ``data[].quotes[].lead_time``)
  https://sendcloud.dev/api/v3/shipping-options/return-a-list-of-available-shipping-options
- ``POST /shipments/announce``: create and announce a shipment synchronously, up to
  15 parcels (multicollo); the label comes back base64 in ``label_file`` when the
  shipment has one parcel, carrier refusals in ``data.errors``
  https://sendcloud.dev/api/v3/shipments/create-and-announce-a-shipment-synchronously
- ``GET /parcels/{id}/documents/label``: the label PDF of one parcel (multicollo)
  https://sendcloud.dev/api/v3/parcel-documents/retrieve-a-parcel-document
- ``POST /shipments/{id}/cancel``: 200 cancelled, 202 queued, 409 refused
  https://sendcloud.dev/api/v3/shipments/cancel-a-shipment
- ``GET /shipments?external_reference_id=...``: the shipments made with one
  (unique) reference, to find a shipment whose announcement timed out
  https://sendcloud.dev/api/v3/shipments/retrieve-shipments

Authentication is HTTP Basic with the integration's public and secret keys
(https://sendcloud.dev/docs/getting-started/authentication). Errors follow JSON:API:
``{"errors": [{"status": "400", "code": "required", "detail": "...",
"source": {"pointer": "/to_address/name"}}]}``.

Every call has a timeout. HTTP faults become the exceptions below, each with a
message a seller can act on.

For concurrent rate shopping the rate call is split in two pure halves:
:func:`build_request` makes a ``dict(method, url, headers, json, timeout)`` that any
HTTP library can send, and :func:`parse_rate` reads the answer.
"""

import base64
import math

import requests

DEFAULT_ENDPOINT = "https://panel.sendcloud.sc/api/v3"
DEFAULT_TIMEOUT = 20
# Synchronous announcement takes at most 15 parcels per shipment (see the
# announce endpoint above).
MAX_PARCELS = 15
# Free test labels: "Unstamped letter"
# (https://sendcloud.dev/docs/shipments/create-a-shipment).
TEST_SHIPPING_OPTION = "sendcloud:letter"


class SendcloudError(Exception):
    """A Sendcloud call failed; ``str(exc)`` is the message for the seller."""

    def __init__(self, message, status=None, errors=None, detail=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = errors or []
        # What Sendcloud said, without our words around it (for translations).
        self.detail = detail if detail is not None else message


class SendcloudAuthError(SendcloudError):
    """401/403: the keys are wrong or lack the right."""


class SendcloudValidationError(SendcloudError):
    """400/422: Sendcloud refused a field; ``fields`` lists the JSON pointers."""

    @property
    def fields(self):
        return [
            (error.get("source") or {}).get("pointer")
            or (error.get("source") or {}).get("parameter")
            for error in self.errors
        ]


class SendcloudRateLimited(SendcloudError):
    """429: too many calls; ``retry_after`` is the wait in seconds (or None)."""

    def __init__(self, message, status=429, errors=None, retry_after=None):
        super().__init__(message, status=status, errors=errors, detail="")
        self.retry_after = retry_after


class SendcloudServerError(SendcloudError):
    """5xx: Sendcloud (or the carrier behind it) is down; try again later."""


class SendcloudTimeout(SendcloudError):
    """No answer within the timeout (``timeout`` set), or no connection at all."""

    def __init__(self, message, timeout=None, detail=None):
        super().__init__(message, detail=detail)
        self.timeout = timeout


class SendcloudNoRate(SendcloudError):
    """Sendcloud has no price for ``option`` (unknown, or not for this parcel)."""

    def __init__(self, message, status=None, option=None):
        super().__init__(message, status=status)
        self.option = option


class SendcloudAnnouncementError(SendcloudError):
    """The shipment was created but the carrier refused to announce it."""

    def __init__(
        self, message, status=None, errors=None, shipment_id=None, detail=None
    ):
        super().__init__(message, status=status, errors=errors, detail=detail)
        self.shipment_id = shipment_id


def auth_header(public_key, secret_key):
    token = base64.b64encode(f"{public_key}:{secret_key}".encode()).decode()
    return f"Basic {token}"


def build_request(
    endpoint, public_key, secret_key, method, path, payload=None, timeout=None
):
    """The request as a plain dict, ready for ``requests.request(**req)``."""
    headers = {
        "Authorization": auth_header(public_key, secret_key),
        "Accept": "application/json",
    }
    request = {
        "method": method,
        "url": endpoint.rstrip("/") + path,
        "headers": headers,
        "timeout": timeout or DEFAULT_TIMEOUT,
    }
    if payload is not None:
        headers["Content-Type"] = "application/json"
        request["json"] = payload
    return request


def error_details(body):
    """'detail (field)' for each JSON:API error of a body, or the raw text."""
    if isinstance(body, dict) and isinstance(body.get("errors"), list):
        parts = []
        for error in body["errors"]:
            if not isinstance(error, dict):
                parts.append(str(error))
                continue
            detail = error.get("detail") or error.get("title") or error.get("code")
            source = error.get("source") or {}
            field = source.get("pointer") or source.get("parameter")
            parts.append(f"{field}: {detail}" if field else str(detail))
        return "; ".join(parts), body["errors"]
    if isinstance(body, dict) and body.get("error"):
        # API v2 shape {"error": {"code": 401, "message": "..."}}
        error = body["error"]
        if isinstance(error, dict):
            return str(error.get("message") or error), []
        return str(error), []
    text = body if isinstance(body, str) else ""
    return text.strip()[:300], []


def _retry_after(headers):
    value = (headers or {}).get("Retry-After")
    if value is None:
        return None
    try:
        return max(0, math.ceil(float(value)))
    except ValueError:
        return None


def raise_for_status(status, body, headers=None):
    """Raise the exception matching an HTTP answer; return for 2xx."""
    if 200 <= status < 300:
        return
    detail, errors = error_details(body)
    if status in (401, 403):
        raise SendcloudAuthError(
            f"Sendcloud refused the API keys (HTTP {status}): {detail or 'no detail'}."
            " Check the public and secret keys of the carrier.",
            status=status,
            errors=errors,
            detail=detail,
        )
    if status in (400, 422):
        raise SendcloudValidationError(
            f"Sendcloud refused the data (HTTP {status}): {detail or 'no detail'}",
            status=status,
            errors=errors,
            detail=detail,
        )
    if status == 429:
        retry_after = _retry_after(headers)
        wait = f" Retry in {retry_after} s." if retry_after is not None else ""
        raise SendcloudRateLimited(
            f"Sendcloud asks to slow down (HTTP 429).{wait}",
            errors=errors,
            retry_after=retry_after,
        )
    if status >= 500:
        raise SendcloudServerError(
            f"Sendcloud is unavailable (HTTP {status}); try again in a few "
            f"minutes. {detail}".strip(),
            status=status,
            errors=errors,
            detail=detail,
        )
    raise SendcloudError(
        f"Sendcloud answered HTTP {status}: {detail or 'no detail'}",
        status=status,
        errors=errors,
        detail=detail,
    )


def _decimal(value, digits):
    return f"{float(value):.{digits}f}"


def weight(value_kg):
    return {"value": _decimal(value_kg, 3), "unit": "kg"}


def dimensions(length_cm, width_cm, height_cm):
    if not (length_cm and width_cm and height_cm):
        return None
    return {
        "length": _decimal(length_cm, 2),
        "width": _decimal(width_cm, 2),
        "height": _decimal(height_cm, 2),
        "unit": "cm",
    }


def rate_payload(from_address, to_address, parcels, shipping_option_code, contract_id):
    """Body of ``POST /shipping-options`` for one option and its parcels."""
    payload = {
        "from_address": from_address,
        "to_address": to_address,
        "shipping_option_code": shipping_option_code,
        "parcels": parcels,
        "calculate_quotes": True,
    }
    if contract_id:
        payload["contract_id"] = contract_id
    return payload


def parse_rate(status, body, shipping_option_code, headers=None):
    """Read a ``POST /shipping-options`` answer.

    :returns: ``dict(price=float, currency=str, transit_days=int | None)``
    :raises SendcloudError: on an HTTP fault or when the option has no quote
    """
    raise_for_status(status, body, headers)
    options = (body or {}).get("data") if isinstance(body, dict) else None
    options = [
        option
        for option in options or []
        if isinstance(option, dict) and option.get("code") == shipping_option_code
    ]
    if not options:
        raise SendcloudNoRate(
            f"Sendcloud offers no shipping option '{shipping_option_code}' for "
            "this destination and weight.",
            status=status,
            option=shipping_option_code,
        )
    quotes = options[0].get("quotes") or []
    for quote in quotes:
        total = ((quote or {}).get("price") or {}).get("total") or {}
        try:
            price = float(total.get("value"))
        except (TypeError, ValueError):
            continue
        lead_time = quote.get("lead_time")
        transit_days = (
            math.ceil(lead_time / 24) if isinstance(lead_time, int | float) else None
        )
        return {
            "price": price,
            "currency": total.get("currency"),
            "transit_days": transit_days,
        }
    raise SendcloudNoRate(
        f"Sendcloud gave no price for '{shipping_option_code}'.",
        status=status,
        option=shipping_option_code,
    )


def parse_announcement(status, body, headers=None):
    """Read a ``POST /shipments/announce`` answer.

    :returns: ``dict(shipment_id, parcels=[dict(id, tracking_number,
        tracking_url, label)]``; ``label`` is the PDF bytes when Sendcloud sent it
        inline (single-parcel shipments), else None
    :raises SendcloudAnnouncementError: when the carrier refused the parcels
    """
    raise_for_status(status, body, headers)
    data = (body or {}).get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict) or not data.get("id"):
        raise SendcloudError("Sendcloud answered without a shipment.", status=status)
    parcels = data.get("parcels") or []
    errors = data.get("errors") or []
    missing = [p for p in parcels if not p.get("tracking_number")]
    if errors or not parcels or missing:
        detail, errors = error_details({"errors": errors})
        raise SendcloudAnnouncementError(
            "The carrier refused the shipment: "
            + (detail or "no tracking number was returned."),
            status=status,
            errors=errors,
            shipment_id=data["id"],
            detail=detail or "no tracking number was returned.",
        )
    result = []
    for parcel in parcels:
        label = parcel.get("label_file")
        result.append(
            {
                "id": parcel.get("id"),
                "tracking_number": parcel["tracking_number"],
                "tracking_url": parcel.get("tracking_url"),
                "label": base64.b64decode(label) if label else None,
            }
        )
    return {"shipment_id": str(data["id"]), "parcels": result}


class SendcloudClient:
    """``SendcloudClient(public_key, secret_key).announce(payload)``."""

    def __init__(
        self,
        public_key,
        secret_key,
        endpoint=DEFAULT_ENDPOINT,
        timeout=DEFAULT_TIMEOUT,
        session=None,
    ):
        self.public_key = public_key
        self.secret_key = secret_key
        self.endpoint = endpoint or DEFAULT_ENDPOINT
        self.timeout = timeout or DEFAULT_TIMEOUT
        self.session = session or requests.Session()

    def build(self, method, path, payload=None):
        return build_request(
            self.endpoint,
            self.public_key,
            self.secret_key,
            method,
            path,
            payload,
            self.timeout,
        )

    def send(self, request):
        """Send a request dict; return ``(status, body, headers)``.

        ``body`` is the decoded JSON, or the raw bytes for a non-JSON answer.
        """
        try:
            response = self.session.request(**request)
        except requests.Timeout as exc:
            raise SendcloudTimeout(
                f"Sendcloud did not answer within {request.get('timeout')} s.",
                timeout=request.get("timeout"),
            ) from exc
        except requests.RequestException as exc:
            raise SendcloudTimeout(
                f"Sendcloud cannot be reached: {exc}", detail=str(exc)
            ) from exc
        content_type = response.headers.get("Content-Type", "")
        if "json" in content_type:
            try:
                body = response.json()
            except ValueError:
                body = response.text
        elif response.status_code >= 300:
            body = response.text
        else:
            body = response.content
        return response.status_code, body, response.headers

    def rate(self, payload, shipping_option_code):
        status, body, headers = self.send(
            self.build("POST", "/shipping-options", payload)
        )
        return parse_rate(status, body, shipping_option_code, headers)

    def announce(self, payload):
        status, body, headers = self.send(
            self.build("POST", "/shipments/announce", payload)
        )
        return parse_announcement(status, body, headers)

    def label(self, parcel_id):
        """The label PDF (bytes) of one parcel."""
        request = self.build("GET", f"/parcels/{parcel_id}/documents/label")
        request["headers"]["Accept"] = "application/pdf"
        status, body, headers = self.send(request)
        raise_for_status(status, body, headers)
        if not isinstance(body, bytes) or not body.startswith(b"%PDF"):
            raise SendcloudError(
                f"Sendcloud sent no PDF label for parcel {parcel_id}.", status=status
            )
        return body

    def find_shipments(self, external_reference_id):
        """Ids of the shipments announced with this external reference."""
        request = self.build("GET", "/shipments")
        request["params"] = {"external_reference_id": external_reference_id}
        status, body, headers = self.send(request)
        raise_for_status(status, body, headers)
        data = (body or {}).get("data") if isinstance(body, dict) else None
        return [str(item["id"]) for item in data or [] if item.get("id")]

    def cancel(self, shipment_id):
        """Cancel a shipment; return 'cancelled' or 'queued'."""
        status, body, headers = self.send(
            self.build("POST", f"/shipments/{shipment_id}/cancel")
        )
        if status == 409:
            detail, errors = error_details(body)
            raise SendcloudError(
                f"Sendcloud cannot cancel this shipment: {detail}",
                status=status,
                errors=errors,
                detail=detail,
            )
        raise_for_status(status, body, headers)
        data = (body or {}).get("data") if isinstance(body, dict) else None
        return (data or {}).get("status") or (
            "queued" if status == 202 else "cancelled"
        )
