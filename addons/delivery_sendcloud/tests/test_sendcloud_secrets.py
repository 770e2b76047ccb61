# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import PUBLIC_KEY, SECRET_KEY, SendcloudCase


@tagged("post_install", "-at_install")
class TestSendcloudSecrets(SendcloudCase):
    """The keys are write-only for the roles that configure carriers (stock and
    sales managers), readable by system administrators only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_manager = new_test_user(
            cls.env, "sc_stock_manager", groups="stock.group_stock_manager"
        )
        cls.sale_manager = new_test_user(
            cls.env, "sc_sale_manager", groups="sales_team.group_sale_manager"
        )
        cls.picker = new_test_user(
            cls.env, "sc_picker", groups="stock.group_stock_user"
        )
        cls.salesman = new_test_user(
            cls.env, "sc_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.admin = new_test_user(
            cls.env,
            "sc_admin",
            groups="base.group_system,stock.group_stock_manager",
        )

    def stored(self):
        carrier = self.carrier.with_user(self.admin)
        return carrier.sendcloud_public_key, carrier.sendcloud_secret_key

    def test_managers_set_the_keys_and_never_read_them(self):
        for user in (self.stock_manager, self.sale_manager):
            with self.subTest(user=user.login):
                carrier = self.carrier.with_user(user)
                with Form(carrier) as form:
                    self.assertFalse(form.sendcloud_public_key_input)
                    self.assertFalse(form.sendcloud_secret_key_input)
                    form.sendcloud_public_key_input = f" pk-{user.login} "
                    form.sendcloud_secret_key_input = f"sk-{user.login}"
                self.assertEqual(
                    self.stored(), (f"pk-{user.login}", f"sk-{user.login}")
                )
                self.assertTrue(carrier.sendcloud_has_credentials)
                values = carrier.read(
                    ["sendcloud_public_key_input", "sendcloud_secret_key_input"]
                )[0]
                self.assertFalse(values["sendcloud_public_key_input"])
                self.assertFalse(values["sendcloud_secret_key_input"])
                for field in ("sendcloud_public_key", "sendcloud_secret_key"):
                    with self.assertRaises(AccessError):
                        carrier.read([field])
                    self.assertNotIn(field, carrier.fields_get())
                    with self.assertRaises(AccessError):
                        carrier.write({field: "x"})

    def test_admin_reads_the_keys(self):
        self.assertEqual(self.stored(), (PUBLIC_KEY, SECRET_KEY))

    def test_lower_roles_neither_read_nor_write_the_keys(self):
        for user in (self.picker, self.salesman):
            carrier = self.carrier.with_user(user)
            for field in (
                "sendcloud_public_key",
                "sendcloud_secret_key",
                "sendcloud_public_key_input",
                "sendcloud_secret_key_input",
            ):
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(AccessError):
                        carrier.read([field])
                    with self.assertRaises(AccessError):
                        carrier.write({field: "stolen"})
        self.assertEqual(self.stored(), (PUBLIC_KEY, SECRET_KEY))

    def test_a_worker_makes_labels_with_keys_they_cannot_read(self):
        picking = self.make_picking([(self.mug, 1)]).with_user(self.picker)
        picking.carrier_id.send_shipping(picking)
        self.assertEqual(len(self.server.calls("announce")), 1)
        self.assertTrue(self.server.calls("announce")[0]["headers"]["Authorization"])

    def test_moving_the_endpoint_clears_the_keys(self):
        self.carrier.with_user(self.admin).sendcloud_endpoint = "https://evil.test/v3"
        self.assertEqual(self.stored(), (False, False))
        self.assertFalse(self.carrier.sendcloud_has_credentials)
