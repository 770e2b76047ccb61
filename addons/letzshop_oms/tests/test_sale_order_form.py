import re

from lxml import etree

from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.letzshop_connector.tests.common import LetzshopCase

CONFIRM_BUTTONS = (
    "action_confirm",
    "action_letzshop_confirm_all",
    "action_letzshop_send_decision",
    "action_letzshop_decline_all",
)


@tagged("post_install", "-at_install")
class TestSaleOrderForm(LetzshopCase):
    """The sale order form shows one way to confirm: Letzshop's while the units wait
    for the seller's decision, Odoo's own otherwise."""

    def visible_buttons(self, order):
        """The header buttons of the form the vendor sees for ``order``, as the web
        client shows them (their ``invisible`` evaluated on the record)."""
        arch = order.get_views([(False, "form")])["views"]["form"]["arch"]
        buttons = []
        for button in etree.fromstring(arch).xpath("//header/button"):
            if button.get("name") not in CONFIRM_BUTTONS:
                continue
            expression = button.get("invisible") or "False"
            names = set(re.findall(r"[a-z_][a-z0-9_]*", expression)) & set(
                order._fields
            )
            values = {}
            for name in names:
                value = order[name]
                values[name] = value.id if hasattr(value, "_name") else value
            if not safe_eval(expression, values):
                buttons.append(button.get("string"))
        return buttons

    def test_letzshop_order_to_decide_shows_the_letzshop_buttons_only(self):
        shipment = self.add_shipment([(self.mug, 1, 11.7)])
        self.import_now()
        order = self.order_of(shipment)
        self.assertTrue(order.letzshop_has_pending_units)
        self.assertEqual(
            self.visible_buttons(order),
            ["Confirm on Letzshop", "Send Decision", "Decline on Letzshop"],
        )

    def test_other_quotation_shows_odoo_confirm_once(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.env["res.partner"].create({"name": "Walk-in"}).id,
                "order_line": [Command.create({"product_id": self.mug.id})],
            }
        )
        self.assertEqual(self.visible_buttons(order), ["Confirm"])
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.visible_buttons(order), [])
