# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlsplit

from odoo.tests.common import _super_send


class RealTimeoutsMixin:
    """Odoo's test runner raises every HTTP timeout under 10 s to 10 s; the tests
    of timeouts against the local fake servers need the timeout the code asked."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)
