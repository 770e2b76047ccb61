# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from .fulfillment_rate_card_rule import STORAGE_TYPES


class FulfillmentStorageDay(models.Model):
    """What a client had on hand in one location on one day (a quant-day),
    taken by a daily cron from Odoo's quants: owner = the client."""

    _name = "fulfillment.storage.day"
    _description = "Client stock on hand per day"
    _order = "date desc, owner_id, location_id"
    _log_access = False

    date = fields.Date(required=True, index=True)
    company_id = fields.Many2one("res.company", required=True)
    owner_id = fields.Many2one("res.partner", "Client", required=True)
    product_id = fields.Many2one("product.product", required=True)
    location_id = fields.Many2one("stock.location", required=True)
    storage_type = fields.Selection(STORAGE_TYPES, required=True)
    quantity = fields.Float()
    volume = fields.Float("Volume (m³)", digits=(16, 6))
    age_days = fields.Integer("Age (days)", help="Age of the oldest unit.")

    _unique_day = models.Constraint(
        "UNIQUE(date, company_id, owner_id, product_id, location_id)",
        "Stock of a client is recorded once per location, product and day.",
    )
    _company_date_idx = models.Index("(company_id, date, owner_id)")

    @api.model
    def _snapshot(self, day=None):
        """Record today's client-owned stock (one INSERT). Running it twice on
        the same day records nothing more."""
        day = day or fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO fulfillment_storage_day
                       (date, company_id, owner_id, product_id, location_id,
                        storage_type, quantity, volume, age_days)
                SELECT %(day)s, q.company_id, q.owner_id, q.product_id, q.location_id,
                       COALESCE(l.fulfillment_storage_type, 'shelf'),
                       SUM(q.quantity), SUM(q.quantity * COALESCE(pp.volume, 0)),
                       GREATEST(0, MAX(%(day)s::date - q.in_date::date))
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                  JOIN product_product pp ON pp.id = q.product_id
                 WHERE q.owner_id IS NOT NULL AND q.quantity > 0
                 GROUP BY q.company_id, q.owner_id, q.product_id, q.location_id,
                          l.fulfillment_storage_type
                ON CONFLICT DO NOTHING
                """,
                day=day,
            )
        )
        return True

    @api.model
    def _cron_snapshot(self):
        self._snapshot()
        # The month's statements are made on the first day of the next month.
        today = fields.Date.context_today(self)
        if today.day == 1:
            previous = (today - datetime.timedelta(days=1)).replace(day=1)
            # companies with client stock or client usage that month
            companies = {
                company
                for (company,) in self._read_group(
                    [("date", ">=", previous)], ["company_id"]
                )
            } | {
                company
                for (company,) in self.env["fulfillment.cost.line"]._read_group(
                    [("client_id", "!=", False), ("statement_id", "=", False)],
                    ["company_id"],
                )
            }
            for company in companies:
                self.env["fulfillment.statement"].with_company(company)._run_month(
                    previous, company
                )
