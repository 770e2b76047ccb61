# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmTeam(models.Model):
    _inherit = "crm.team"

    shipping_rule = fields.Selection(
        [
            ("none", "By hand"),
            ("cheapest", "Cheapest"),
            ("fastest", "Fastest"),
            ("cheapest_within", "Cheapest within N days"),
            ("fixed", "Fixed carrier"),
        ],
        string="Carrier choice",
        default="none",
        required=True,
        help="How the carrier of this channel's orders is chosen when they are "
        "confirmed: every available carrier is rated and the rule picks one. "
        "By hand: nothing happens on confirmation (the Rate carriers button on the "
        "order still rates them and picks the cheapest).",
    )
    shipping_max_days = fields.Integer(
        string="Within (days)",
        default=3,
        help="Cheapest within N days: the cheapest carrier whose transit time is at "
        "most this many days; when none is that fast, the fastest one.",
    )
    shipping_fixed_carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Fixed carrier",
        check_company=True,
        help="Fixed carrier: always this one (if it can ship the order).",
    )
    shipping_charge = fields.Selection(
        [
            ("carrier", "Set the carrier only"),
            ("line", "Add a delivery line to the order"),
        ],
        string="Shipping on the order",
        default="carrier",
        required=True,
        help="Set the carrier only: the order and its delivery get the chosen "
        "carrier, the customer's order is left as it is (marketplace orders: the "
        "customer already paid shipping to the marketplace). Add a delivery line: "
        "the chosen rate is also charged to the customer as a delivery line.",
    )
    shipping_needs_tracking = fields.Boolean(
        string="Needs tracking",
        help="Every delivery of this channel must carry a tracking number: the "
        "deliveries done without one are listed under Shipped without tracking.",
    )

    @api.constrains("shipping_rule", "shipping_fixed_carrier_id", "shipping_max_days")
    def _check_shipping_rule(self):
        for team in self:
            if team.shipping_rule == "fixed" and not team.shipping_fixed_carrier_id:
                raise ValidationError(
                    self.env._(
                        "Sales channel %(team)s: the carrier choice is Fixed "
                        "carrier, so the field Fixed carrier must be set.",
                        team=team.display_name,
                    )
                )
            if team.shipping_rule == "cheapest_within" and team.shipping_max_days < 0:
                raise ValidationError(
                    self.env._(
                        "Sales channel %(team)s: Within (days) cannot be negative.",
                        team=team.display_name,
                    )
                )
