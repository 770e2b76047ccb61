# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import csv
import datetime
import io

from odoo import api, fields, models
from odoo.tools import SQL

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]


def quarter_bounds(year, quarter):
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    end = datetime.date(
        year + (quarter == 4), 1 if quarter == 4 else start.month + 3, 1
    )
    return start, end


class OssReturnWizard(models.TransientModel):
    """Quarterly OSS return (Union scheme): per member state of consumption and rate,
    the taxable amount and the VAT, with corrections of earlier quarters apart."""

    _name = "oss.return.wizard"
    _description = "OSS quarterly return"

    def _default_year(self):
        today = fields.Date.context_today(self)
        return today.year if today.month > 3 else today.year - 1

    def _default_quarter(self):
        today = fields.Date.context_today(self)
        return str((today.month - 1) // 3 or 4)

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(required=True, default=lambda self: self._default_year())
    quarter = fields.Selection(
        QUARTERS, required=True, default=lambda self: self._default_quarter()
    )
    line_ids = fields.One2many("oss.return.line", "wizard_id", readonly=True)
    total_base = fields.Monetary(compute="_compute_totals")
    total_vat = fields.Monetary(compute="_compute_totals")
    computed = fields.Boolean(readonly=True)
    result_message = fields.Char(readonly=True)
    csv_file = fields.Binary(readonly=True, attachment=False)
    csv_filename = fields.Char(readonly=True)

    @api.depends("line_ids.base", "line_ids.vat")
    def _compute_totals(self):
        for wizard in self:
            wizard.total_base = sum(wizard.line_ids.mapped("base"))
            wizard.total_vat = sum(wizard.line_ids.mapped("vat"))

    def _period_label(self):
        return f"{self.year}-Q{self.quarter}"

    def _period_title(self):
        return self.env._("Q%(quarter)s %(year)s", quarter=self.quarter, year=self.year)

    def _compute_rows(self):
        """One query: base and VAT of posted lines with an OSS tax, by country and
        rate; credit notes of an invoice dated in an earlier quarter are corrections
        of that quarter."""
        self.ensure_one()
        start, end = quarter_bounds(self.year, int(self.quarter))
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        query = SQL(
            """
            WITH oss_lines AS (
                SELECT t.oss_country_id AS country_id, t.amount AS rate,
                       -aml.balance AS base, 0.0 AS vat, aml.move_id
                  FROM account_move_line aml
                  JOIN account_move_line_account_tax_rel rel
                    ON rel.account_move_line_id = aml.id
                  JOIN account_tax t ON t.id = rel.account_tax_id
                 WHERE aml.company_id = %(company)s
                   AND aml.parent_state = 'posted'
                   AND aml.date >= %(start)s AND aml.date < %(end)s
                   AND aml.tax_line_id IS NULL
                   AND t.oss_vat_key LIKE 'oss:%%'
                UNION ALL
                SELECT t.oss_country_id, t.amount, 0.0, -aml.balance, aml.move_id
                  FROM account_move_line aml
                  JOIN account_tax t ON t.id = aml.tax_line_id
                 WHERE aml.company_id = %(company)s
                   AND aml.parent_state = 'posted'
                   AND aml.date >= %(start)s AND aml.date < %(end)s
                   AND t.oss_vat_key LIKE 'oss:%%'
            )
            SELECT l.country_id, l.rate,
                   CASE WHEN orig.date < %(start)s
                        THEN EXTRACT(YEAR FROM orig.date)::int || '-Q'
                             || EXTRACT(QUARTER FROM orig.date)::int
                        ELSE NULL END AS corrected_period,
                   SUM(l.base), SUM(l.vat), COUNT(DISTINCT l.move_id)
              FROM oss_lines l
              JOIN account_move m ON m.id = l.move_id
              LEFT JOIN account_move orig ON orig.id = m.reversed_entry_id
             GROUP BY 1, 2, 3
             ORDER BY 3 NULLS FIRST, 1, 2
            """,
            company=self.company_id.id,
            start=start,
            end=end,
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def action_compute(self):
        self.ensure_one()
        rows = self._compute_rows()
        currency = self.company_id.currency_id
        self.line_ids = [(5, 0, 0)] + [
            (
                0,
                0,
                {
                    "country_id": country_id,
                    "rate": rate,
                    "corrected_period": corrected or False,
                    "base": currency.round(base),
                    "vat": currency.round(vat),
                    "move_count": count,
                },
            )
            for country_id, rate, corrected, base, vat, count in rows
        ]
        self._make_csv()
        self.computed = True
        if self.line_ids:
            self.result_message = self.env._(
                "%(count)s line(s) to declare for %(period)s.",
                count=len(self.line_ids),
                period=self._period_title(),
            )
        else:
            self.result_message = self.env._(
                "Nothing to declare for %(period)s: no posted sale with destination "
                "VAT in that quarter. A nil return is still due if the company is "
                "registered for OSS.",
                period=self._period_title(),
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("OSS return %(period)s", period=self._period_title()),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _make_csv(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(
            [
                "period",
                "section",
                "corrected_period",
                "member_state",
                "rate",
                "taxable_amount",
                "vat_amount",
                "currency",
                "invoices",
            ]
        )
        for line in self.line_ids:
            writer.writerow(
                [
                    self._period_label(),
                    "correction" if line.corrected_period else "supplies",
                    line.corrected_period or "",
                    line.country_id.code,
                    f"{line.rate:.2f}",
                    f"{line.base:.2f}",
                    f"{line.vat:.2f}",
                    self.currency_id.name,
                    line.move_count,
                ]
            )
        self.csv_file = base64.b64encode(buffer.getvalue().encode())
        owner = self.company_id.vat or self.company_id.id
        self.csv_filename = f"oss_return_{owner}_{self._period_label()}.csv"


class OssReturnLine(models.TransientModel):
    _name = "oss.return.line"
    _description = "OSS return line"
    _order = "corrected_period desc, country_id, rate desc"

    wizard_id = fields.Many2one("oss.return.wizard", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    country_id = fields.Many2one("res.country", string="Member state of consumption")
    rate = fields.Float(digits=(5, 2))
    corrected_period = fields.Char(
        help="Set on corrections: the earlier quarter the amounts correct."
    )
    base = fields.Monetary(string="Taxable amount")
    vat = fields.Monetary(string="VAT")
    move_count = fields.Integer(string="Documents")
