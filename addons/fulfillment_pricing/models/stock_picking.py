# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # Quantities a warehouse worker records on a client's receipt (no prices).
    fulfillment_receiving_hours = fields.Float("Receiving hours")
    fulfillment_pallets = fields.Integer("Pallets received")
    fulfillment_cartons = fields.Integer("Cartons received")
    fulfillment_noncompliant = fields.Boolean(
        "Non-compliant delivery", help="Did not follow the receiving guidelines."
    )
    fulfillment_unannounced = fields.Boolean(
        "Unannounced delivery", help="Arrived without an advance shipping notice."
    )

    def _action_done(self):
        res = super()._action_done()
        done = self.filtered(lambda p: p.state == "done")
        if done:
            # sudo: the worker who validates a delivery records its cost lines
            # without being allowed to read prices or cost lines.
            self.env["fulfillment.cost.line"].sudo()._compute_for_pickings(done)
        return res
