# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small fake of the Mailchimp Marketing API v3 on 127.0.0.1, for tests.

It keeps audiences, members (by subscriber hash) and static segments (tags) in
memory and mirrors the behaviour the sync relies on: Basic auth with the API
key, batch subscribe limited to 500 members answering 200 with per-member
``errors``, refusal to resubscribe an unsubscribed member ("Member In Compliance
State"), tag add/remove by email with errors for unknown emails, and RFC 7807
problem documents. Faults can be queued: any status with headers (429 +
Retry-After, 500, 503), a malformed body, or a slow answer.
"""

import base64
import hashlib
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BATCH_LIMIT = 500


def _hash(email):
    return hashlib.md5(email.strip().lower().encode()).hexdigest()


class FakeMailchimpState:
    def __init__(self, api_key):
        self.api_key = api_key
        self.lists = {}
        self.faults = []  # list of dicts: status, headers, body, delay
        self.requests = []  # (method, path, json body)
        self.lock = threading.Lock()
        self._next_segment_id = 1000

    def add_list(self, list_id, name):
        self.lists[list_id] = {"name": name, "members": {}, "segments": {}}

    def members(self, list_id):
        return self.lists[list_id]["members"]

    def tag_members(self, list_id, tag_name):
        """Emails carrying the tag named ``tag_name``."""
        for segment in self.lists[list_id]["segments"].values():
            if segment["name"] == tag_name:
                members = self.lists[list_id]["members"]
                return {members[h]["email_address"].lower() for h in segment["members"]}
        return set()

    def fail_next(
        self, status=500, headers=None, body=None, count=1, delay=0, raw=None
    ):
        for _ in range(count):
            self.faults.append(
                {
                    "status": status,
                    "headers": headers or {},
                    "body": body,
                    "delay": delay,
                    "raw": raw,
                }
            )


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeMailchimp/1.0"

    def log_message(self, fmt, *args):  # keep the test log clean
        pass

    @property
    def state(self):
        return self.server.state

    def _send(self, status, body=None, headers=None, raw=None):
        data = raw if raw is not None else json.dumps(body or {}).encode()
        self.send_response(status)
        self.send_header(
            "Content-Type", "application/json" if raw is None else "text/html"
        )
        for key, value in (headers or {}).items():
            self.send_header(key, str(value))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _problem(self, status, title, detail):
        self._send(
            status,
            {"type": "about:blank", "title": title, "status": status, "detail": detail},
        )

    def _authorized(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            _user, _sep, key = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        return key == self.state.api_key

    def _handle(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw_body) if raw_body else {}
        except ValueError:
            return self._problem(400, "Invalid Resource", "Body is not JSON.")
        path = self.path.split("?", 1)[0]
        with self.state.lock:
            self.state.requests.append((method, path, body))
            fault = self.state.faults.pop(0) if self.state.faults else None
        if fault:
            if fault["delay"]:
                time.sleep(fault["delay"])
            if fault["raw"] is not None:
                return self._send(
                    fault["status"], raw=fault["raw"], headers=fault["headers"]
                )
            if fault["status"] != 200:
                return self._send(
                    fault["status"],
                    fault["body"] or {"title": "Fault", "detail": "Injected fault."},
                    headers=fault["headers"],
                )
        if not self._authorized():
            return self._problem(401, "API Key Invalid", "Your API key may be invalid.")
        if not path.startswith("/3.0/"):
            return self._problem(404, "Resource Not Found", path)
        parts = path[5:].strip("/").split("/")
        with self.state.lock:
            return self._route(method, parts, body)

    def _route(self, method, parts, body):
        if parts == ["ping"] and method == "GET":
            return self._send(200, {"health_status": "Everything's Chimpy!"})
        if len(parts) < 2 or parts[0] != "lists" or parts[1] not in self.state.lists:
            return self._problem(
                404, "Resource Not Found", "The requested resource could not be found."
            )
        audience = self.state.lists[parts[1]]
        if len(parts) == 2 and method == "GET":
            return self._send(200, {"id": parts[1], "name": audience["name"]})
        if len(parts) == 2 and method == "POST":
            return self._batch(audience, body)
        if len(parts) == 3 and parts[2] == "segments" and method == "GET":
            segments = [
                {"id": sid, "name": s["name"], "type": "static"}
                for sid, s in audience["segments"].items()
            ]
            return self._send(200, {"segments": segments, "total_items": len(segments)})
        if len(parts) == 3 and parts[2] == "segments" and method == "POST":
            if any(
                s["name"] == body.get("name") for s in audience["segments"].values()
            ):
                return self._problem(400, "Invalid Resource", "Tag already exists.")
            self.state._next_segment_id += 1
            sid = self.state._next_segment_id
            audience["segments"][sid] = {"name": body.get("name"), "members": set()}
            return self._send(
                200, {"id": sid, "name": body.get("name"), "type": "static"}
            )
        if len(parts) == 4 and parts[2] == "segments" and method == "POST":
            segment = audience["segments"].get(
                int(parts[3]) if parts[3].isdigit() else None
            )
            if segment is None:
                return self._problem(404, "Resource Not Found", "Unknown segment.")
            return self._segment_members(audience, segment, body)
        return self._problem(405, "Method Not Allowed", "/".join(parts))

    def _batch(self, audience, body):
        members = body.get("members") or []
        if len(members) > BATCH_LIMIT:
            return self._problem(400, "Invalid Resource", "Batch exceeds 500 members.")
        new, updated, errors = [], [], []
        for member in members:
            email = member.get("email_address") or ""
            status = member.get("status")
            if not re.fullmatch(
                r"[^@\s]+@[^@\s]+\.[a-z]{2,}", email, re.IGNORECASE
            ) or email.endswith(".invalid"):
                errors.append(
                    {
                        "email_address": email,
                        "error": f"{email} looks fake or invalid, please enter "
                        "a real email address.",
                        "error_code": "ERROR_GENERIC",
                    }
                )
                continue
            digest = _hash(email)
            existing = audience["members"].get(digest)
            if (
                existing
                and existing["status"] in ("unsubscribed", "cleaned")
                and status == "subscribed"
            ):
                errors.append(
                    {
                        "email_address": email,
                        "error": f"{email} is in a compliance state due to "
                        "unsubscribe, bounce, or compliance review and cannot be "
                        "subscribed.",
                        "error_code": "ERROR_CONTACT_EXISTS",
                    }
                )
                continue
            if existing and not body.get("update_existing"):
                errors.append(
                    {
                        "email_address": email,
                        "error": f"{email} is already a list member.",
                        "error_code": "ERROR_CONTACT_EXISTS",
                    }
                )
                continue
            record = {
                "id": digest,
                "email_address": email,
                "status": status,
                "merge_fields": member.get("merge_fields") or {},
                "language": member.get("language") or "",
            }
            audience["members"][digest] = record
            (updated if existing else new).append(record)
        self._send(
            200,
            {
                "new_members": new,
                "updated_members": updated,
                "errors": errors,
                "total_created": len(new),
                "total_updated": len(updated),
                "error_count": len(errors),
            },
        )

    def _segment_members(self, audience, segment, body):
        add = body.get("members_to_add") or []
        remove = body.get("members_to_remove") or []
        if len(add) > BATCH_LIMIT or len(remove) > BATCH_LIMIT:
            return self._problem(400, "Invalid Resource", "Too many emails.")
        unknown = []
        added, removed = [], []
        for email in add:
            digest = _hash(email)
            if digest not in audience["members"]:
                unknown.append(email)
                continue
            segment["members"].add(digest)
            added.append({"email_address": email})
        for email in remove:
            digest = _hash(email)
            if digest not in audience["members"]:
                unknown.append(email)
                continue
            segment["members"].discard(digest)
            removed.append({"email_address": email})
        errors = (
            [{"email_addresses": unknown, "error": "Email addresses not in list"}]
            if unknown
            else []
        )
        self._send(
            200,
            {
                "members_added": added,
                "members_removed": removed,
                "errors": errors,
                "total_added": len(added),
                "total_removed": len(removed),
                "error_count": len(unknown),
            },
        )

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PUT(self):
        self._handle("PUT")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # e.g. the client gave up (timeout test): nothing to report


class FakeMailchimpServer:
    """Context-free helper: start() in setUpClass, stop() in a class cleanup."""

    def __init__(self, api_key="0123456789abcdef-us99"):
        self.state = FakeMailchimpState(api_key)
        self.httpd = _QuietServer(("127.0.0.1", 0), _Handler)
        self.httpd.state = self.state
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/3.0"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
