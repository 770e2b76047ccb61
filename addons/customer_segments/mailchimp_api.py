# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Minimal client for the Mailchimp Marketing API v3 (no ORM in here).

Only the calls the sync needs:

* ``GET /ping`` to test the key;
* ``GET /lists/{list_id}`` to check the audience;
* ``POST /lists/{list_id}`` ("batch subscribe or unsubscribe"): at most 500
  members per call; Mailchimp answers 200 even when some members fail and lists
  them under ``errors``;
* ``GET/POST /lists/{list_id}/segments`` and
  ``POST /lists/{list_id}/segments/{segment_id}``: tags are static segments,
  members are added and removed by email, at most 500 of each per call.

Members are identified by the MD5 hash of their lowercased email address
(``subscriber_hash``), which is also what Mailchimp uses in member URLs.

Outbound safety: the API URL must be ``https`` (plain ``http`` is accepted only
for a server on the loopback interface, and only when the caller allows it:
the tests' fake server), every request carries a timeout, and redirects are
never followed (the API key would travel with them).

HTTP 429 (with ``Retry-After``), 5xx, timeouts and connection errors raise
:class:`MailchimpRetryableError` so that the caller (a queue job) can retry
later; 401/403 raise :class:`MailchimpAuthError`; any other failure raises
:class:`MailchimpError` with Mailchimp's own message.
"""

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

BATCH_LIMIT = 500
DEFAULT_TIMEOUT = 30  # seconds, for connecting and for each read
_DC_RE = re.compile(r"-([a-z]+[0-9]+)$")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


class MailchimpError(Exception):
    """A call to Mailchimp failed and retrying it will not help."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class MailchimpAuthError(MailchimpError):
    """The API key is wrong, revoked or lacks the rights for this call."""


class MailchimpRetryableError(MailchimpError):
    """Rate limit, server error, timeout: the same call may succeed later."""

    def __init__(self, message, status=None, retry_after=None):
        super().__init__(message, status=status)
        self.retry_after = retry_after


@dataclass
class BatchResult:
    """Outcome of one batch call: counts and per-member errors."""

    new_count: int = 0
    updated_count: int = 0
    errors: dict = field(default_factory=dict)  # lowercased email -> message


def subscriber_hash(email):
    """Mailchimp's member id: MD5 of the lowercased email address."""
    return hashlib.md5((email or "").strip().lower().encode("utf-8")).hexdigest()


def datacenter_from_key(api_key):
    """Mailchimp keys end with their data centre, e.g. ``...-us21``."""
    match = _DC_RE.search((api_key or "").strip())
    if not match:
        raise MailchimpError(
            "The Mailchimp API key must end with its data centre, e.g. '-us21'."
        )
    return match.group(1)


def check_base_url(base_url, allow_http_loopback=False):
    """Raise :class:`MailchimpError` unless ``base_url`` is an https URL (or, when
    ``allow_http_loopback``, an http URL on the loopback interface)."""
    try:
        parts = urlsplit(base_url or "")
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts and host and parts.scheme == "https":
        return base_url
    if (
        parts
        and allow_http_loopback
        and parts.scheme == "http"
        and (host in LOOPBACK_HOSTS)
    ):
        return base_url
    raise MailchimpError(
        f"The Mailchimp API URL must start with https:// (got {base_url!r})."
    )


class MailchimpClient:
    """Talks to one Mailchimp account."""

    def __init__(
        self,
        api_key,
        base_url=None,
        timeout=DEFAULT_TIMEOUT,
        session=None,
        allow_http_loopback=False,
    ):
        if not api_key:
            raise MailchimpAuthError("No Mailchimp API key is set.")
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            raise ValueError("A Mailchimp client needs a positive timeout.")
        self.api_key = api_key.strip()
        if not base_url:
            base_url = (
                f"https://{datacenter_from_key(self.api_key)}.api.mailchimp.com/3.0"
            )
        check_base_url(base_url, allow_http_loopback=allow_http_loopback)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()

    # -- transport -------------------------------------------------------------

    def _request(self, method, path, json=None, params=None):
        url = f"{self.base_url}/{path.lstrip('/')}"
        try:
            response = self.session.request(
                method,
                url,
                json=json,
                params=params,
                auth=("oms", self.api_key),
                timeout=self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise MailchimpRetryableError(
                f"Mailchimp did not answer in time ({exc})."
            ) from exc
        except requests.ConnectionError as exc:
            raise MailchimpRetryableError(
                f"Mailchimp cannot be reached ({exc})."
            ) from exc
        status = response.status_code
        if status == 429 or status >= 500:
            retry_after = response.headers.get("Retry-After")
            try:
                retry_after = int(retry_after) if retry_after else None
            except ValueError:
                retry_after = None
            raise MailchimpRetryableError(
                f"Mailchimp answered {status}: {self._problem(response)}",
                status=status,
                retry_after=retry_after,
            )
        if 300 <= status < 400:
            raise MailchimpError(
                f"Mailchimp answered {status} (redirect to "
                f"{response.headers.get('Location')!r}); redirects are not followed.",
                status=status,
            )
        if status in (401, 403):
            raise MailchimpAuthError(
                f"Mailchimp refused the API key ({status}): {self._problem(response)}",
                status=status,
            )
        if status >= 400:
            raise MailchimpError(
                f"Mailchimp answered {status}: {self._problem(response)}", status=status
            )
        if status == 204 or not response.content:
            return {}
        try:
            body = response.json()
        except ValueError as exc:
            raise MailchimpError(
                f"Mailchimp sent a response that is not JSON (HTTP {status}).",
                status=status,
            ) from exc
        if not isinstance(body, dict):
            raise MailchimpError(
                "Mailchimp sent an unexpected JSON document.", status=status
            )
        return body

    @staticmethod
    def _problem(response):
        """Mailchimp errors are RFC 7807 documents: title + detail."""
        try:
            body = response.json()
        except ValueError:
            return (response.text or "").strip()[:200] or response.reason
        if isinstance(body, dict):
            parts = [body.get("title"), body.get("detail")]
            return " - ".join(str(p) for p in parts if p) or str(body)[:200]
        return str(body)[:200]

    # -- calls -----------------------------------------------------------------

    def ping(self):
        return self._request("GET", "ping").get("health_status", "")

    def get_list(self, list_id):
        return self._request("GET", f"lists/{list_id}", params={"fields": "id,name"})

    def batch_upsert_members(self, list_id, members, update_existing=True):
        """Create or update up to 500 members; return a :class:`BatchResult`.

        ``members`` are Mailchimp member dicts (``email_address``, ``status``,
        ``merge_fields``, ``language``).
        """
        if len(members) > BATCH_LIMIT:
            raise ValueError(
                f"Mailchimp accepts at most {BATCH_LIMIT} members per batch."
            )
        if not members:
            return BatchResult()
        body = self._request(
            "POST",
            f"lists/{list_id}",
            json={"members": members, "update_existing": update_existing},
        )
        result = BatchResult(
            new_count=int(body.get("total_created") or 0),
            updated_count=int(body.get("total_updated") or 0),
        )
        for error in body.get("errors") or []:
            email = (error.get("email_address") or "").strip().lower()
            message = error.get("error") or "unknown error"
            if error.get("error_code"):
                message = f"{message} ({error['error_code']})"
            result.errors[email] = message
        return result

    def static_segments(self, list_id):
        """Return {name: id} of the audience's tags (static segments)."""
        segments = {}
        offset = 0
        while True:
            body = self._request(
                "GET",
                f"lists/{list_id}/segments",
                params={"type": "static", "count": 1000, "offset": offset},
            )
            page = body.get("segments") or []
            for segment in page:
                segments[segment["name"]] = segment["id"]
            offset += len(page)
            if not page or offset >= int(body.get("total_items") or 0):
                return segments

    def create_static_segment(self, list_id, name):
        body = self._request(
            "POST",
            f"lists/{list_id}/segments",
            json={"name": name, "static_segment": []},
        )
        if "id" not in body:
            raise MailchimpError(
                f"Mailchimp did not return the id of the new tag {name!r}."
            )
        return body["id"]

    def update_segment_members(self, list_id, segment_id, add=(), remove=()):
        """Add and remove (up to 500 each) emails to a tag; return {email: error}."""
        add, remove = list(add), list(remove)
        if len(add) > BATCH_LIMIT or len(remove) > BATCH_LIMIT:
            raise ValueError(
                f"Mailchimp accepts at most {BATCH_LIMIT} emails per tag call."
            )
        if not add and not remove:
            return {}
        body = self._request(
            "POST",
            f"lists/{list_id}/segments/{segment_id}",
            json={"members_to_add": add, "members_to_remove": remove},
        )
        errors = {}
        for error in body.get("errors") or []:
            for email in error.get("email_addresses") or []:
                errors[email.strip().lower()] = error.get("error") or "unknown error"
        return errors
