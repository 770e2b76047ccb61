# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .. import vat_rates_seed
from ..vat_decision import pick_rate


class OssVatRate(models.Model):
    """Date-effective VAT rate of a product VAT category in a country.

    Not company-specific: rates are law, shared by every company of the database.
    """

    _name = "oss.vat.rate"
    _description = "VAT rate by country, category and date"
    _order = "country_id, category_id, date_from desc"

    country_id = fields.Many2one(
        "res.country", required=True, index=True, ondelete="restrict"
    )
    category_id = fields.Many2one(
        "oss.vat.category", required=True, index=True, ondelete="restrict"
    )
    rate = fields.Float(
        required=True, digits=(5, 2), help="Percentage, e.g. 20 for 20 %."
    )
    date_from = fields.Date(string="Valid from", help="Empty: since ever.")
    date_to = fields.Date(
        string="Valid until", help="Empty: until further notice. Inclusive."
    )
    source = fields.Selection(
        [
            ("package", "eu-vat-rates-data (TEDB)"),
            ("research", "Seed research"),
            ("manual", "Entered by the accountant"),
        ],
        default="manual",
        required=True,
    )
    note = fields.Char()

    _rate_positive = models.Constraint(
        "CHECK(rate >= 0 AND rate < 100)", "A VAT rate lies between 0 and 100 %."
    )
    _dates_ordered = models.Constraint(
        "CHECK(date_to IS NULL OR date_from IS NULL OR date_from <= date_to)",
        "A VAT rate cannot end before it starts.",
    )

    @api.depends("country_id", "category_id", "rate", "date_from")
    def _compute_display_name(self):
        for rec in self:
            since = (
                self.env._(" from %(date)s", date=rec.date_from)
                if rec.date_from
                else ""
            )
            rec.display_name = (
                f"{rec.country_id.code} {rec.category_id.name} {rec.rate:g} %{since}"
            )

    @api.constrains("country_id", "category_id", "date_from", "date_to")
    def _check_overlap(self):
        # One query for the whole batch: any other row of the same country and category
        # whose validity period intersects.
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id, b.id FROM oss_vat_rate a
                  JOIN oss_vat_rate b ON b.country_id = a.country_id
                   AND b.category_id = a.category_id AND b.id != a.id
                 WHERE a.id IN %s
                   AND COALESCE(a.date_from, '-infinity'::date)
                       <= COALESCE(b.date_to, 'infinity'::date)
                   AND COALESCE(b.date_from, '-infinity'::date)
                       <= COALESCE(a.date_to, 'infinity'::date)
                 LIMIT 1
                """,
                tuple(self.ids),
            )
        )
        row = self.env.cr.fetchone()
        if row:
            rate, other = self.browse(row)
            raise ValidationError(
                self.env._(
                    "VAT rate %(rate)s overlaps %(other)s: the validity periods "
                    "(Valid from / "
                    "Valid until) of one country and category must not intersect.",
                    rate=rate.display_name,
                    other=other.display_name,
                )
            )

    # ------------------------------------------------------------------ lookups
    @api.model
    def _rate_rows(self, countries):
        """Rows (dicts for vat_decision.pick_rate) of ``countries``, cached per
        country until a rate or category changes."""
        rows = []
        for country in countries:
            rows.extend(self._rate_rows_cached(country.id))
        return rows

    @tools.ormcache("country_id")
    def _rate_rows_cached(self, country_id):
        self.flush_model()
        self.env["oss.vat.category"].flush_model(["code"])
        self.env.cr.execute(
            SQL(
                """
                SELECT c.code AS country, cat.code AS category, r.rate,
                       r.date_from, r.date_to
                  FROM oss_vat_rate r
                  JOIN res_country c ON c.id = r.country_id
                  JOIN oss_vat_category cat ON cat.id = r.category_id
                 WHERE r.country_id = %s
                """,
                country_id,
            )
        )
        return tuple(
            {**row, "country": row["country"].upper(), "rate": float(row["rate"])}
            for row in self.env.cr.dictfetchall()
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _get_rate(self, country, category, on_date):
        """Rate of ``category`` (an oss.vat.category) in ``country`` on
        ``on_date``, or None."""
        rows = self._rate_rows(country)
        return pick_rate(
            rows,
            country.code.upper(),
            category.code if category else "standard",
            on_date,
        )

    # ------------------------------------------------------------------ seeding
    @api.model
    def _seed_from_package(self):
        """Create the seed rows that do not exist yet (idempotent)."""
        categories = {
            c.code: c
            for c in self.env["oss.vat.category"]
            .with_context(active_test=False)
            .search([])
        }
        countries = {
            c.code.upper(): c
            for c in self.env["res.country"].search(
                [("code", "in", list(vat_rates_seed.CURRENT))]
            )
        }
        existing = {
            (r.country_id.id, r.category_id.id, r.date_from or None, r.date_to or None)
            for r in self.search([])
        }
        vals_list = []
        for row in vat_rates_seed.seed_rows():
            country, category = (
                countries.get(row["country"]),
                categories.get(row["category"]),
            )
            if not country or not category:
                continue
            key = (country.id, category.id, row["date_from"], row["date_to"])
            if key in existing:
                continue
            vals_list.append(
                {
                    "country_id": country.id,
                    "category_id": category.id,
                    "rate": row["rate"],
                    "date_from": row["date_from"],
                    "date_to": row["date_to"],
                    "source": row["source"],
                }
            )
        return self.create(vals_list)

    def action_cross_check(self):
        """Compare today's rates with the installed eu-vat-rates-data package."""
        rows = self._rate_rows(
            self.env["res.country"].search(
                [("code", "in", list(vat_rates_seed.CURRENT))]
            )
        )
        problems = vat_rates_seed.cross_check(rows, fields.Date.context_today(self))
        version = vat_rates_seed.package_rates().get("_version", "?")
        if problems:
            message = "\n".join(
                self.env._(
                    "%(country)s %(category)s %(rate)s %%: %(problem)s",
                    country=country,
                    category=category,
                    rate=f"{rate:g}",
                    problem=problem,
                )
                for country, category, rate, problem in problems
            )
            kind = "warning"
        else:
            message = self.env._(
                "Every rate valid today matches eu-vat-rates-data %(version)s.",
                version=version,
            )
            kind = "success"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._(
                    "Check against eu-vat-rates-data %(version)s", version=version
                ),
                "message": message,
                "type": kind,
                "sticky": bool(problems),
            },
        }
