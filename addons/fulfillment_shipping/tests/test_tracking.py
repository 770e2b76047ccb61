# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ShippingCase


@tagged("post_install", "-at_install")
class TestTrackingMail(ShippingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env.ref("base.module_fulfillment_shipping")._update_translations(
            ["fr_FR", "de_DE"]
        )
        cls.team.write({"shipping_rule": "none", "shipping_needs_tracking": True})
        cls.fixed_courier.tracking_url = (
            "https://track.example.com/?id=<shipmenttrackingnumber>"
        )

    def _ship(self, order, tracking=None):
        order.carrier_id = self.fixed_courier
        if order.state == "draft":
            order.action_confirm()
        picking = order.picking_ids
        if tracking:
            picking.carrier_tracking_ref = tracking
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def _mails(self, picking):
        return self.env["mail.mail"].search(
            [("model", "=", "stock.picking"), ("res_id", "=", picking.id)]
        )

    def test_french_customer_gets_the_link_once(self):
        self.customer.lang = "fr_FR"
        picking = self._ship(self._order(), tracking="LU123")
        mails = self._mails(picking)
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.customer)
        self.assertIn("Suivre votre colis", mails.body_html)
        self.assertIn("https://track.example.com/?id=LU123", mails.body_html)
        self.assertIn("est en route", mails.subject)
        self.assertTrue(picking.shipping_mail_sent)
        # a corrected number does not e-mail the customer again
        picking.carrier_tracking_ref = "LU124"
        self.assertEqual(len(self._mails(picking)), 1)

    def test_typed_after_validation_and_listed_until_then(self):
        self.customer.lang = "de_DE"
        picking = self._ship(self._order())
        self.assertFalse(self._mails(picking))
        untracked = self.env["stock.picking"].search(
            self.env["stock.picking"]._fulfillment_untracked_domain()
        )
        self.assertIn(picking, untracked)
        action = self.env["stock.picking"].action_shipped_without_tracking()
        self.assertIn(picking, self.env["stock.picking"].search(action["domain"]))
        # the worker types it: the customer is e-mailed, the list is empty again
        picking.with_user(self.worker).carrier_tracking_ref = "DE999"
        mails = self._mails(picking)
        self.assertEqual(len(mails), 1)
        self.assertIn("Sendung verfolgen", mails.body_html)
        self.assertNotIn(
            picking,
            self.env["stock.picking"].search(
                self.env["stock.picking"]._fulfillment_untracked_domain()
            ),
        )

    def test_channel_without_tracking_need_is_not_listed(self):
        self.team.shipping_needs_tracking = False
        picking = self._ship(self._order())
        self.assertNotIn(
            picking,
            self.env["stock.picking"].search(
                self.env["stock.picking"]._fulfillment_untracked_domain()
            ),
        )

    def test_gift_order_mails_the_buyer_not_the_recipient(self):
        recipient = self.env["res.partner"].create(
            {
                "name": "Gift Recipient",
                "email": "gift@example.lu",
                "street": "2 rue du Cadeau",
                "city": "Esch",
                "country_id": self.lu.id,
            }
        )
        order = self._order()
        order.partner_shipping_id = recipient
        picking = self._ship(order, tracking="GIFT1")
        self.assertEqual(picking.partner_id, recipient)
        mails = self._mails(picking)
        self.assertEqual(mails.recipient_ids, self.customer)
        self.assertIn("Hello Claire Acheteuse", mails.body_html)
