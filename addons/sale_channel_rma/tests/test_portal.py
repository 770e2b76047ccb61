# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged

from .common import RmaCommon


class PortalCase(RmaCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_rma()
        cls.order = cls._delivered_order(cls.customer, qty=2)
        cls.other_order = cls._delivered_order(cls.other_customer, qty=1)

    def _csrf(self):
        page = self.url_open("/returns/en")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _lookup(self, number, email):
        return self.url_open(
            "/returns/en/lookup",
            data={"order_number": number, "email": email, "csrf_token": self._csrf()},
        )


@tagged("post_install", "-at_install")
class TestReturnPage(PortalCase):
    def test_wrong_pair_tells_nothing(self):
        wrong_email = self._lookup(self.order.name, "someone@example.com")
        no_order = self._lookup("S99999999", self.customer.email)
        self.assertEqual(wrong_email.status_code, 404)
        self.assertEqual(no_order.status_code, 404)
        for response in (wrong_email, no_order):
            self.assertIn("could not find", response.text)
            self.assertNotIn(self.product.name, response.text)
            self.assertNotIn("access_token", response.text)
        # a wildcard is not a way in
        self.assertEqual(self._lookup("%", self.customer.email).status_code, 404)

    def test_only_the_order_delivered_lines(self):
        response = self._lookup(self.order.name.lower(), "Camille.Retour@Example.com")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.product.name, response.text)
        self.assertIn(self.order.access_token, response.text)
        self.assertNotIn(self.other_order.name, response.text)

    def test_other_customers_order_cannot_be_reached(self):
        # the other customer's number with my e-mail: not found
        response = self._lookup(self.other_order.name, self.customer.email)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.other_customer.name, response.text)
        # submitting on their order with my order's token: refused, nothing made
        self.order._portal_ensure_token()
        line_key = self.other_order._rma_portal_lines()[0]["key"]
        response = self.url_open(
            "/returns/en/submit",
            data={
                "order_id": self.other_order.id,
                "access_token": self.order.access_token,
                f"qty_{line_key}": "1",
                "reason_id": self.env.ref(
                    "sale_channel_rma.rma_return_reason_damaged"
                ).id,
                "csrf_token": self._csrf(),
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.other_order.rma_ids)

    def test_too_much_is_refused_and_nothing_created(self):
        self.order._portal_ensure_token()
        key = self.order._rma_portal_lines()[0]["key"]
        response = self.url_open(
            "/returns/en/submit",
            data={
                "order_id": self.order.id,
                "access_token": self.order.access_token,
                f"qty_{key}": "3",
                "reason_id": self.env.ref(
                    "sale_channel_rma.rma_return_reason_damaged"
                ).id,
                "csrf_token": self._csrf(),
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("at most 2", response.text)
        self.assertFalse(self.order.rma_ids)

    def test_rate_limited_per_ip(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "sale_channel_rma.lookup_limit", "2"
        )
        self.assertEqual(self._lookup("S1", "a@example.com").status_code, 404)
        self.assertEqual(self._lookup("S2", "a@example.com").status_code, 404)
        blocked = self._lookup(self.order.name, self.customer.email)
        self.assertEqual(blocked.status_code, 429)
        self.assertNotIn(self.product.name, blocked.text)

    def test_french_and_german(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["sale_channel_rma"], ["fr_FR", "de_DE"], overwrite=True
        )
        self.assertIn("Numéro de commande", self.url_open("/returns/fr").text)
        self.assertIn("Bestellnummer", self.url_open("/returns/de").text)


@tagged("post_install", "-at_install")
class TestReturnTourPhone(PortalCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_return_request_on_a_phone(self):
        self.customer.email = "tour.customer@example.com"
        self.order.name = "RMATOUR/0001"
        self.start_tour("/returns", "sale_channel_rma_return_tour")
        rma = self.order.rma_ids
        self.assertEqual(len(rma), 1)
        self.assertEqual(rma.product_uom_qty, 1)
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(
            rma.return_reason_id,
            self.env.ref("sale_channel_rma.rma_return_reason_damaged"),
        )
        self.assertEqual(
            rma.reception_move_id.picking_id.location_dest_id, self.returns_bin
        )
        # the customer got the confirmation
        mails = rma.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertTrue(mails)
