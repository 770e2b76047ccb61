# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import modules
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

KEY = "0123456789abcdef-us99"


@tagged("post_install", "-at_install")
class TestMailchimpKey(HttpCase):
    """The API key is write-only for the vendor, readable by system admins only,
    over RPC too; the API URL is https outside tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.audience = cls.env["mailchimp.audience"].create(
            {"name": "Key audience", "list_id": "audkey", "api_key": KEY}
        )
        cls.vendor = new_test_user(
            cls.env, login="csk_vendor", groups="sales_team.group_sale_manager"
        )
        cls.salesman = new_test_user(
            cls.env, login="csk_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.sysadmin = new_test_user(
            cls.env,
            login="csk_admin",
            groups="base.group_system,sales_team.group_sale_manager",
        )

    def _rpc(self, user, method, **params):
        """Call mailchimp.audience.<method> over JSON-2 RPC as ``user``."""
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate("rpc", "test", datetime.now() + timedelta(days=1))
        )
        response = self.url_open(
            f"/json/2/mailchimp.audience/{method}",
            data=json.dumps(params),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {key}",
            },
        )
        return response.status_code, response.json()

    def test_vendor_sets_the_key_but_never_reads_it(self):
        audience = self.audience.with_user(self.vendor)
        audience.write({"api_key_input": " new-key-us98 "})
        self.assertEqual(self.audience.api_key, "new-key-us98")
        self.assertFalse(audience.api_key_input)
        self.assertTrue(audience.has_api_key)
        with self.assertRaises(AccessError):
            audience.read(["api_key"])
        self.assertNotIn("api_key", audience.fields_get())
        self.assertIn("api_key", self.audience.with_user(self.sysadmin).fields_get())
        self.assertEqual(self.audience.with_user(self.sysadmin).api_key, "new-key-us98")

    @mute_logger("odoo.http")
    def test_key_over_rpc(self):
        ids = self.audience.ids
        # a salesman reads neither the audience nor, of course, its key
        for fields in (["api_key"], ["name"], None):
            with self.subTest(fields=fields):
                status, body = self._rpc(self.salesman, "read", ids=ids, fields=fields)
                self.assertEqual(status, 403)
                self.assertEqual(body["name"], "odoo.exceptions.AccessError")
                self.assertNotIn(KEY, json.dumps(body))
        # the vendor reads the audience without the key, and cannot search on it
        status, body = self._rpc(self.vendor, "read", ids=ids, fields=["api_key"])
        self.assertEqual((status, body["name"]), (403, "odoo.exceptions.AccessError"))
        status, body = self._rpc(self.vendor, "search", domain=[("api_key", "=", KEY)])
        self.assertEqual(status, 403)
        status, body = self._rpc(self.vendor, "read", ids=ids)
        self.assertEqual(status, 200)
        self.assertNotIn("api_key", body[0])
        self.assertNotIn(KEY, json.dumps(body))
        self.assertIs(body[0]["has_api_key"], True)
        self.assertFalse(body[0]["api_key_input"])
        # the system administrator reads it
        status, body = self._rpc(self.sysadmin, "read", ids=ids, fields=["api_key"])
        self.assertEqual((status, body[0]["api_key"]), (200, KEY))

    def test_api_url_is_https_outside_tests(self):
        local = "http://127.0.0.1:9/3.0"
        self.audience.api_base_url = local  # the tests' fake server
        with patch.object(modules.module, "current_test", False):
            with self.assertRaisesRegex(UserError, "https://"):
                self.audience._client()
            with self.assertRaisesRegex(ValidationError, "API URL"):
                self.audience.api_base_url = "http://127.0.0.1:8/3.0"
            self.audience.api_base_url = "https://us99.api.mailchimp.com/3.0"
            self.assertEqual(
                self.audience._client().base_url, "https://us99.api.mailchimp.com/3.0"
            )
        # even in tests, plain http goes to the loopback interface only
        with self.assertRaisesRegex(ValidationError, "API URL"):
            self.audience.api_base_url = "http://us99.api.mailchimp.com/3.0"
