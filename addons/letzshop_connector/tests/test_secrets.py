from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .. import letzshop_api
from .common import API_KEY, LetzshopCase


@tagged("post_install", "-at_install")
class TestSecrets(LetzshopCase):
    """The key is write-only for the vendor (sales manager), readable by system
    administrators only; the endpoint is https and changing it clears the key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = new_test_user(
            cls.env, "lz_sec_vendor", groups="sales_team.group_sale_manager"
        )
        cls.salesman = new_test_user(
            cls.env, "lz_sec_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.warehouse_user = new_test_user(
            cls.env, "lz_sec_picker", groups="stock.group_stock_user"
        )
        cls.billing = new_test_user(
            cls.env, "lz_sec_billing", groups="account.group_account_invoice"
        )
        cls.accountant = new_test_user(
            cls.env, "lz_sec_accountant", groups="account.group_account_manager"
        )
        cls.admin = new_test_user(
            cls.env,
            "lz_sec_admin",
            groups="base.group_system,sales_team.group_sale_manager",
        )

    def _stored_key(self):
        return self.account.with_user(self.admin).api_key

    def test_vendor_sets_the_key_in_the_form_and_never_reads_it_back(self):
        with Form(self.account.with_user(self.vendor)) as form:
            self.assertFalse(form.api_key_input, "the form never shows the key")
            form.api_key_input = "  new-vendor-key "
        self.assertEqual(self._stored_key(), "new-vendor-key")
        account = self.account.with_user(self.vendor)
        self.assertTrue(account.has_api_key)
        self.assertEqual(account.read(["api_key_input"])[0]["api_key_input"], False)
        with self.assertRaises(AccessError):
            account.read(["api_key"])
        self.assertNotIn("api_key", account.fields_get())
        # The account still works with the key it cannot read.
        self.account.with_user(self.admin).api_key = API_KEY
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        account._letzshop_job_import()
        self.assertTrue(self.order_of(shipment))

    def test_lower_roles_neither_read_nor_write_the_key(self):
        for user in (self.salesman, self.warehouse_user, self.billing, self.accountant):
            account = self.account.with_user(user)
            for field in ("api_key", "api_key_input"):
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(AccessError):
                        account.read([field])
                    with self.assertRaises(AccessError):
                        account.write({field: "stolen"})
        self.assertEqual(self._stored_key(), API_KEY)

    def test_changing_the_endpoint_clears_the_key(self):
        account = self.account.with_user(self.vendor)
        account.endpoint = "https://letzshop.example.com/graphql"
        self.assertFalse(self._stored_key())
        self.assertFalse(account.has_api_key)
        self.assertEqual(account.state, "draft")
        with self.assertRaisesRegex(UserError, "API Key"):
            account.action_test_connection()
        # Address and key entered together: the new key stays.
        account.write({"endpoint": self.server.url, "api_key_input": API_KEY})
        self.assertEqual(self._stored_key(), API_KEY)
        # Saving the same address again keeps the key.
        account.endpoint = self.server.url
        self.assertEqual(self._stored_key(), API_KEY)

    def test_only_https_to_public_hosts_outside_test_mode(self):
        account = self.account.with_user(self.vendor)
        with patch("odoo.modules.module.current_test", False):
            for url in (
                self.server.url,
                "http://letzshop.lu/graphql",
                "https://127.0.0.1/graphql",
                "https://10.1.2.3/graphql",
                "https://169.254.169.254/latest",
                "https://localhost/graphql",
                "ftp://letzshop.lu/graphql",
            ):
                with (
                    self.subTest(url=url),
                    self.assertRaisesRegex(ValidationError, "Endpoint"),
                    self.env.cr.savepoint(),
                ):
                    account.write({"endpoint": url, "api_key_input": "k"})
            self.account.invalidate_recordset()
            self.assertEqual(self.account.endpoint, self.server.url)
            # An account saved in test mode is refused once test mode is off.
            with self.assertRaisesRegex(UserError, "only https"):
                self.account._letzshop_client()
            account.write({"endpoint": letzshop_api.DEFAULT_ENDPOINT})
            # A system administrator may allow http on this machine (fake server).
            self.env["ir.config_parameter"].set_param(
                "letzshop_connector.test_mode", "1"
            )
            account.write({"endpoint": self.server.url, "api_key_input": API_KEY})
            self.assertTrue(self.account._letzshop_client())
        # Even in test mode, http is for this machine only.
        with (
            self.assertRaisesRegex(ValidationError, "only https"),
            self.env.cr.savepoint(),
        ):
            account.endpoint = "http://evil.example/graphql"

    def test_client_always_has_a_timeout_and_follows_no_redirect(self):
        client = letzshop_api.LetzshopClient("https://letzshop.lu/graphql", "k", 0)
        self.assertEqual(client.timeout, letzshop_api.DEFAULT_TIMEOUT)
        self.server.faults.append(
            {"status": 302, "headers": {"Location": "http://127.0.0.1:9/x"}}
        )
        with self.assertRaisesRegex(letzshop_api.LetzshopError, "redirect"):
            self.account._letzshop_client().check_connection()
