# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models

from ..vat_decision import pick_rate


class OssVatCategory(models.Model):
    _name = "oss.vat.category"
    _description = "Product VAT category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical code used by the rate table and the seed data (e.g. food, "
        "books).",
    )
    sequence = fields.Integer(
        default=10,
        help="When a product has no VAT category, the first category whose rate in the "
        "seller's country equals the product's own tax rate is used.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    rate_ids = fields.One2many("oss.vat.rate", "category_id", string="Rates")

    _code_unique = models.Constraint(
        "UNIQUE(code)", "A VAT category code must be unique."
    )

    def _oss_guess(self, country, rate):
        """First active category (by sequence) whose rate in ``country`` today is
        ``rate``;
        the standard category when none matches or the rate is unknown."""
        categories = self.search([], limit=100)
        standard = categories.filtered(lambda c: c.code == "standard")[:1]
        if rate is None or not country:
            return standard
        rows = self.env["oss.vat.rate"]._rate_rows(country)
        today = fields.Date.context_today(self)
        for category in categories:
            found = pick_rate(
                [r for r in rows if r["category"] == category.code],
                country.code.upper(),
                category.code,
                today,
            )
            if found is not None and abs(found - rate) < 0.001:
                return category
        return standard

    def write(self, vals):
        if "code" in vals:
            self.env.registry.clear_cache()  # rate rows carry the category code
        return super().write(vals)
