# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import csv
import io
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL, float_compare

from .. import periods

QUARTERS = [(str(q), f"Q{q}") for q in range(1, 5)]


class LuOssReturn(models.TransientModel):
    """The quarterly OSS return (Union scheme) laid out as the Luxembourg OSS portal's
    form asks: per member state of consumption, type of supply, rate type and rate, the
    taxable amount and the VAT; then corrections of earlier quarters per quarter and
    member state; and a check against the OSS-tagged journal items."""

    _name = "lu.oss.return"
    _description = "OSS return (Luxembourg portal layout)"

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
    period_label = fields.Char(compute="_compute_period")
    date_from = fields.Date(compute="_compute_period")
    date_to = fields.Date(compute="_compute_period")
    line_ids = fields.One2many("lu.oss.return.line", "wizard_id", readonly=True)
    total_base = fields.Monetary(string="Total taxable amount", readonly=True)
    total_vat = fields.Monetary(string="Total VAT", readonly=True)
    tagged_base = fields.Monetary(
        string="Taxable amount of OSS-tagged items", readonly=True
    )
    tagged_vat = fields.Monetary(string="VAT of OSS-tagged items", readonly=True)
    check_ok = fields.Boolean(string="Matches the OSS-tagged items", readonly=True)
    computed = fields.Boolean(readonly=True)
    csv_file = fields.Binary(string="CSV file", readonly=True, attachment=False)
    csv_filename = fields.Char(string="CSV file name", readonly=True)

    @api.depends("year", "quarter")
    def _compute_period(self):
        for wizard in self:
            if wizard.year and wizard.quarter:
                quarter = int(wizard.quarter)
                wizard.date_from, wizard.date_to = periods.period_bounds(
                    "quarter", wizard.year, quarter
                )
                wizard.period_label = periods.period_label(
                    "quarter", wizard.year, quarter
                )
            else:
                wizard.date_from = wizard.date_to = wizard.period_label = False

    def _companies(self):
        return self.env["res.company"].search([("id", "child_of", self.company_id.id)])

    def _oss_rows(self):
        """One query: base and VAT of posted items under the OSS taxes of
        ``oss_vat_invoice`` (``account.tax.oss_vat_key`` 'oss:...'), per member state,
        scope and rate, with the quarter a correction belongs to."""
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        query = SQL(
            """
            WITH oss AS (
                SELECT t.oss_country_id AS country_id, t.amount AS rate,
                       COALESCE(t.tax_scope, 'consu') AS scope,
                       -aml.balance AS base, 0.0 AS vat, aml.move_id
                  FROM account_move_line aml
                  JOIN account_move_line_account_tax_rel rel
                    ON rel.account_move_line_id = aml.id
                  JOIN account_tax t ON t.id = rel.account_tax_id
                 WHERE aml.company_id IN %(companies)s
                   AND aml.parent_state = 'posted'
                   AND aml.date BETWEEN %(start)s AND %(end)s
                   AND aml.tax_line_id IS NULL
                   AND t.oss_vat_key LIKE 'oss:%%'
                UNION ALL
                SELECT t.oss_country_id, t.amount, COALESCE(t.tax_scope, 'consu'),
                       0.0, -aml.balance, aml.move_id
                  FROM account_move_line aml
                  JOIN account_tax t ON t.id = aml.tax_line_id
                 WHERE aml.company_id IN %(companies)s
                   AND aml.parent_state = 'posted'
                   AND aml.date BETWEEN %(start)s AND %(end)s
                   AND t.oss_vat_key LIKE 'oss:%%'
            )
            SELECT o.country_id, o.scope, o.rate,
                   CASE WHEN COALESCE(orig.invoice_date, orig.date, m.invoice_date)
                             < %(start)s
                        THEN COALESCE(orig.invoice_date, orig.date, m.invoice_date)
                   END AS corrected,
                   SUM(o.base), SUM(o.vat)
              FROM oss o
              JOIN account_move m ON m.id = o.move_id
              LEFT JOIN account_move orig ON orig.id = m.reversed_entry_id
             GROUP BY 1, 2, 3, 4
            """,
            companies=tuple(self._companies().ids),
            start=self.date_from,
            end=self.date_to,
        )
        return self.env.execute_query(query)

    def _tagged_totals(self):
        """Base and VAT of the quarter's posted items carrying the OSS tax tag."""
        tag = self.env.ref("oss_vat_invoice.account_tag_oss", raise_if_not_found=False)
        if not tag:
            return 0.0, 0.0
        query = SQL(
            """
            SELECT COALESCE(SUM(-aml.balance)
                                FILTER (WHERE aml.tax_line_id IS NULL), 0),
                   COALESCE(SUM(-aml.balance)
                                FILTER (WHERE aml.tax_line_id IS NOT NULL), 0)
              FROM account_move_line aml
              JOIN account_account_tag_account_move_line_rel rel
                ON rel.account_move_line_id = aml.id
             WHERE rel.account_account_tag_id = %(tag)s
               AND aml.company_id IN %(companies)s
               AND aml.parent_state = 'posted'
               AND aml.date BETWEEN %(start)s AND %(end)s
            """,
            tag=tag.id,
            companies=tuple(self._companies().ids),
            start=self.date_from,
            end=self.date_to,
        )
        return self.env.execute_query(query)[0]

    def _standard_rates(self, country_ids):
        """Standard rate of each member state on the last day of the quarter, from the
        rate table of ``oss_vat_invoice``."""
        rates = self.env["oss.vat.rate"].search(
            [
                ("country_id", "in", list(country_ids)),
                ("category_id.code", "=", "standard"),
                "|",
                ("date_from", "=", False),
                ("date_from", "<=", self.date_to),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", self.date_to),
            ]
        )
        return {rate.country_id.id: rate.rate for rate in rates}

    def action_compute(self):
        self.ensure_one()
        currency = self.company_id.currency_id
        rows = self._oss_rows()
        standard = self._standard_rates({row[0] for row in rows if row[0]})
        supplies = defaultdict(lambda: [0.0, 0.0])
        corrections = defaultdict(lambda: [0.0, 0.0])
        for country_id, scope, rate, corrected, base, vat in rows:
            if corrected:
                year, quarter = periods.period_of("quarter", corrected)
                key = (periods.period_label("quarter", year, quarter), country_id)
                corrections[key][0] += base
                corrections[key][1] += vat
            else:
                supply = "services" if scope == "service" else "goods"
                if country_id not in standard:
                    rate_type = False
                elif float_compare(rate, standard[country_id], precision_digits=2):
                    rate_type = "reduced"
                else:
                    rate_type = "standard"
                key = (country_id, supply, rate_type, rate)
                supplies[key][0] += base
                supplies[key][1] += vat
        lines = [(5, 0, 0)]
        for (country_id, supply, rate_type, rate), (base, vat) in supplies.items():
            lines.append(
                (
                    0,
                    0,
                    {
                        "section": "supplies",
                        "country_id": country_id,
                        "supply_type": supply,
                        "rate_type": rate_type,
                        "rate": rate,
                        "base": currency.round(base),
                        "vat": currency.round(vat),
                    },
                )
            )
        for (period, country_id), (base, vat) in corrections.items():
            lines.append(
                (
                    0,
                    0,
                    {
                        "section": "correction",
                        "corrected_period": period,
                        "country_id": country_id,
                        "base": currency.round(base),
                        "vat": currency.round(vat),
                    },
                )
            )
        total_base = sum(v[0] for v in supplies.values()) + sum(
            v[0] for v in corrections.values()
        )
        total_vat = sum(v[1] for v in supplies.values()) + sum(
            v[1] for v in corrections.values()
        )
        tagged_base, tagged_vat = self._tagged_totals()
        self.write(
            {
                "line_ids": lines,
                "total_base": currency.round(total_base),
                "total_vat": currency.round(total_vat),
                "tagged_base": currency.round(tagged_base),
                "tagged_vat": currency.round(tagged_vat),
                "check_ok": currency.is_zero(total_base - tagged_base)
                and currency.is_zero(total_vat - tagged_vat),
                "computed": True,
            }
        )
        self._make_csv()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _make_csv(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(
            [
                "period",
                "section",
                "member_state",
                "supply_type",
                "rate_type",
                "rate",
                "taxable_amount",
                "vat_amount",
                "corrected_period",
                "currency",
            ]
        )
        for line in self.line_ids:
            writer.writerow(
                [
                    self.period_label,
                    line.section,
                    line.country_id.code,
                    line.supply_type or "",
                    line.rate_type or "",
                    f"{line.rate:.2f}" if line.section == "supplies" else "",
                    f"{line.base:.2f}",
                    f"{line.vat:.2f}",
                    line.corrected_period or "",
                    self.currency_id.name,
                ]
            )
        owner = self.company_id.vat or self.company_id.id
        self.csv_file = base64.b64encode(buffer.getvalue().encode("utf-8-sig"))
        self.csv_filename = f"oss_return_portal_{owner}_{self.period_label}.csv"
