# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import vat_decision as vd


class ResCompany(models.Model):
    """The company's EU VAT settings and its running distance-sales totals.

    Where the rest lives: the decision table in ``vat_decision.py``, the fiscal
    positions and per-line taxes in ``account_fiscal_position.py``, the taxes in
    ``account_tax.py``, the decision fields of documents in
    ``oss_vat_decision_mixin.py``."""

    _inherit = "res.company"

    oss_vat_enabled = fields.Boolean(
        string="Decide EU VAT on sales",
        default=True,
        help="Decide the VAT treatment (domestic, OSS, intra-Community, export) of "
        "every "
        "customer invoice and sale order from the delivery address, the customer's "
        "VIES "
        "status, the product's VAT category and the date.",
    )
    oss_threshold = fields.Monetary(
        string="Distance sales threshold",
        default=10000.0,
        currency_field="currency_id",
        help="EU-wide threshold of cross-border sales to consumers (Art. 59c), EUR "
        "10,000.",
    )
    oss_threshold_warning = fields.Float(
        string="Warn from (%)",
        default=80.0,
        help="Warn on invoices when this year's distance sales reach this share of "
        "the threshold.",
    )
    oss_opt_in = fields.Boolean(
        string="Opted for destination VAT",
        help="Charge destination VAT on every cross-border consumer sale, whatever the "
        "threshold (Art. 59c(3)). Binding for two calendar years.",
    )
    oss_opt_in_date = fields.Date(string="Opted in on")
    oss_vies_pending_policy = fields.Selection(
        [
            ("consumer", "Invoice as a consumer sale"),
            ("hold", "Hold the invoice until VIES answers"),
        ],
        string="While VIES is pending",
        default="consumer",
        required=True,
        help="A business customer whose VAT number VIES has not confirmed yet never "
        "gets "
        "0 %: either invoice with VAT as for a consumer, or refuse to post until "
        "confirmed.",
    )
    oss_vies_recheck_days = fields.Integer(
        string="Re-check valid numbers every (days)",
        default=90,
    )
    oss_threshold_current = fields.Monetary(
        string="Distance sales this year",
        compute="_compute_oss_threshold",
        currency_field="currency_id",
    )
    oss_threshold_previous = fields.Monetary(
        string="Distance sales last year",
        compute="_compute_oss_threshold",
        currency_field="currency_id",
    )
    oss_threshold_state = fields.Selection(
        [("below", "Below"), ("near", "Near the threshold"), ("exceeded", "Exceeded")],
        string="Threshold status",
        compute="_compute_oss_threshold",
    )

    # ------------------------------------------------------------- threshold
    def _compute_oss_threshold(self):
        today = fields.Date.context_today(self)
        for company in self:
            current, previous = company._oss_distance_sales(today.year)
            company.oss_threshold_current = current
            company.oss_threshold_previous = previous
            company.oss_threshold_state = company._oss_threshold_state(
                current, previous
            )

    def _oss_threshold_state(self, current, previous):
        self.ensure_one()
        if previous > self.oss_threshold or current > self.oss_threshold:
            return "exceeded"
        if current >= self.oss_threshold * self.oss_threshold_warning / 100.0:
            return "near"
        return "below"

    def _oss_distance_sales(self, year, exclude_move_ids=()):
        """Posted cross-border consumer sales of goods (untaxed, company currency) for
        ``year`` and ``year - 1``: invoices minus credit notes whose rule was a distance
        sale (LU VAT under the threshold or destination VAT). One query."""
        self.ensure_one()
        self.env["account.move"].flush_model(
            ["oss_vat_rule", "amount_untaxed_signed", "state", "date"]
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT EXTRACT(YEAR FROM m.date)::int,
                       COALESCE(SUM(m.amount_untaxed_signed), 0)
                  FROM account_move m
                 WHERE m.company_id = %(company)s
                   AND m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.oss_vat_rule IN %(rules)s
                   AND m.date >= %(start)s AND m.date < %(end)s
                   %(exclude)s
                 GROUP BY 1
                """,
                company=self.id,
                rules=(vd.DISTANCE_LOCAL, vd.OSS),
                start=datetime.date(year - 1, 1, 1),
                end=datetime.date(year + 1, 1, 1),
                # no id condition when nothing is excluded: the sums are then
                # read from _oss_distance_sales_idx alone (index-only scan)
                exclude=SQL("AND m.id NOT IN %s", tuple(exclude_move_ids))
                if exclude_move_ids
                else SQL(),
            )
        )
        totals = dict(self.env.cr.fetchall())
        return float(totals.get(year, 0.0)), float(totals.get(year - 1, 0.0))

    def _oss_opt_in_active(self, on_date):
        self.ensure_one()
        return self.oss_opt_in and (
            not self.oss_opt_in_date or self.oss_opt_in_date <= on_date
        )

    def write(self, vals):
        if "oss_opt_in" in vals and not vals["oss_opt_in"]:
            today = fields.Date.context_today(self)
            for company in self.filtered("oss_opt_in"):
                start = company.oss_opt_in_date or today
                # Binding for the calendar year of the option and the next one
                # (Art. 59c(3)).
                if today.year < start.year + 2:
                    raise UserError(
                        self.env._(
                            "%(company)s opted for destination VAT on %(date)s: the "
                            "option "
                            "(field 'Opted for destination VAT') binds until 31 "
                            "December %(year)s.",
                            company=company.display_name,
                            date=start,
                            year=start.year + 1,
                        )
                    )
        if vals.get("oss_opt_in") and "oss_opt_in_date" not in vals:
            vals["oss_opt_in_date"] = fields.Date.context_today(self)
        return super().write(vals)

    # ------------------------------------------------------------- country
    def _oss_seller_country(self):
        """The member state the goods leave from: the company's fiscal country."""
        self.ensure_one()
        return self.account_fiscal_country_id or self.country_id

    # ------------------------------------------------------------- decision
    @api.model
    def _oss_vies_status(self, partner):
        """The VIES status of the commercial partner for its current VAT number."""
        commercial = partner.commercial_partner_id
        if not commercial.vat:
            return "none"
        if commercial.oss_vies_vat != commercial.vat:
            return "none"
        return commercial.oss_vies_status or "none"
