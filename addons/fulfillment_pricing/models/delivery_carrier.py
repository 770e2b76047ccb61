# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import models
from odoo.exceptions import UserError

from .. import pricing


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    def write(self, vals):
        # published quote data holds a copy of the carriers' price rules
        self.env.registry.clear_cache()
        return super().write(vals)

    def _fulfillment_rules(self):
        """The carrier's price rules as pricing.CarrierRule, or None when one
        uses a variable added by another module (then Odoo's own evaluation is
        used)."""
        self.ensure_one()
        rules = [
            pricing.CarrierRule(
                r.variable,
                r.operator,
                r.max_value,
                r.list_base_price,
                r.list_price,
                r.variable_factor,
            )
            for r in self.price_rule_ids
        ]
        if any(
            r.variable not in pricing.RULE_VARIABLES
            or r.factor not in pricing.RULE_VARIABLES
            or r.operator not in pricing.RULE_OPERATORS
            for r in rules
        ):
            return None
        return rules

    def _fulfillment_parcel_price(self, total, weight, volume, quantity, rules=False):
        """What this carrier charges for a parcel, in its currency: its price
        rules (the same result as Odoo's _get_price_from_picking), or its fixed
        price; 0 when no rule matches. ``rules``: _fulfillment_rules(), when
        the caller caches them. None for carriers priced by an external API."""
        self.ensure_one()
        if self.delivery_type == "fixed":
            return self.fixed_price
        if self.delivery_type != "base_on_rule":
            return None
        if rules is False:
            rules = self._fulfillment_rules()
        if rules is None:
            try:
                return self._get_price_from_picking(total, weight, volume, quantity)
            except UserError:  # no rule matches this parcel
                return 0.0
        price = pricing.carrier_rule_price(rules, total, weight, volume, quantity)
        return price or 0.0
