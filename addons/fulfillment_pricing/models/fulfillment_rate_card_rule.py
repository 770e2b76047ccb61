# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

STORAGE_TYPES = [("bin", "Bin"), ("shelf", "Shelf"), ("pallet", "Pallet")]
ZONES = [("domestic", "Domestic"), ("eu", "EU"), ("world", "Rest of the world")]


class FulfillmentRateCardRule(models.Model):
    _name = "fulfillment.rate.card.rule"
    _description = "Fulfilment rate card rule"
    _order = "card_id, kind, sequence, low, id"

    card_id = fields.Many2one(
        "fulfillment.rate.card", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    currency_id = fields.Many2one(related="card_id.currency_id")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [
            ("pick_tier", "Pick tier (by unit number)"),
            ("weight_band", "Weight surcharge (by weight in kg)"),
            ("box", "Box or mailer"),
            ("storage_location", "Storage per location type"),
            ("season", "Seasonal storage multiplier"),
            ("age", "Long-term storage surcharge (by age in days)"),
            ("service", "Value-added service"),
            ("zone", "Carrier per destination zone"),
        ],
        required=True,
    )
    name = fields.Char("Label", required=True, translate=True)
    code = fields.Char(help="Service code (value-added services) or box code.")
    low = fields.Float("From", help="Unit number, weight (kg) or age (days), included.")
    high = fields.Float("Up to", help="Excluded; 0 means no upper bound.")
    price = fields.Monetary()
    per_unit = fields.Boolean(
        "Per unit", default=True, help="Weight surcharge per unit (else per order)."
    )
    storage_type = fields.Selection(STORAGE_TYPES)
    month = fields.Selection([(str(m), str(m)) for m in range(1, 13)])
    multiplier = fields.Float(default=1.0)
    box_length = fields.Float("Length (cm)")
    box_width = fields.Float("Width (cm)")
    box_height = fields.Float("Height (cm)")
    volume = fields.Float(
        "Inner volume (m³)", compute="_compute_volume", store=True, digits=(16, 6)
    )
    max_weight = fields.Float("Max weight (kg)")
    product_id = fields.Many2one(
        "product.product",
        string="Service product",
        help="Order lines with this product are charged as this service.",
    )
    zone = fields.Selection(ZONES)
    carrier_id = fields.Many2one("delivery.carrier")

    @api.depends("box_length", "box_width", "box_height")
    def _compute_volume(self):
        for rule in self:
            rule.volume = rule.box_length * rule.box_width * rule.box_height / 1_000_000

    @api.constrains("kind", "low", "high", "storage_type", "month", "code", "zone")
    def _check_kind_fields(self):
        for rule in self:
            problem = None
            if rule.high and rule.high <= rule.low:
                problem = self.env._("'Up to' must be above 'From'.")
            elif rule.kind == "storage_location" and not rule.storage_type:
                problem = self.env._("set the location type.")
            elif rule.kind == "season" and not rule.month:
                problem = self.env._("set the month.")
            elif rule.kind == "service" and not rule.code:
                problem = self.env._("set the service code.")
            elif rule.kind == "zone" and not (rule.zone and rule.carrier_id):
                problem = self.env._("set the zone and the carrier.")
            elif rule.kind == "box" and not rule.volume:
                problem = self.env._("set the inner dimensions of the box.")
            if problem:
                raise ValidationError(
                    self.env._(
                        "Rate card %(card)s, rule %(rule)s: %(problem)s",
                        card=rule.card_id.name,
                        rule=rule.name,
                        problem=problem,
                    )
                )

    def write(self, vals):
        self.card_id._check_unlocked()
        self.env.registry.clear_cache()  # published quote data
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        cards = self.env["fulfillment.rate.card"].browse(
            {v["card_id"] for v in vals_list if v.get("card_id")}
        )
        cards._check_unlocked()
        self.env.registry.clear_cache()  # published quote data
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_card_unlocked(self):
        self.card_id._check_unlocked()
        self.env.registry.clear_cache()  # published quote data
