# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import csv
import io
import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import periods
from ..tax_report_formula import FormulaError, evaluate_all

#: "457 - Intra-Community supply of goods ..." -> box "457", label "Intra-Community..."
_BOX_NAME = re.compile(r"^\s*(\d{3})\s*-\s*(.*)$", re.DOTALL)

#: The date an entry belongs to for corrections: the date of the entry it reverses
#: (credit notes), else its own invoice date.
_ORIGIN_DATE = SQL("COALESCE(orig.invoice_date, orig.date, m.invoice_date)")

MONTHS = [(str(m), f"{m:02d}") for m in range(1, 13)]
QUARTERS = [(str(q), f"Q{q}") for q in range(1, 5)]


class LuVatReturn(models.TransientModel):
    """The Luxembourg VAT return (monthly, quarterly or annual), box by box, from the
    tax tags of posted journal items and the layout Odoo's ``l10n_lu`` ships."""

    _name = "lu.vat.return"
    _description = "Luxembourg VAT return"

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
    periodicity = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="quarter",
    )
    year = fields.Integer(required=True, default=lambda self: self._default_year())
    quarter = fields.Selection(QUARTERS, default=lambda self: self._default_quarter())
    month = fields.Selection(MONTHS, default="1")
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")
    period_label = fields.Char(compute="_compute_dates")
    line_ids = fields.One2many("lu.vat.return.line", "wizard_id", readonly=True)
    correction_ids = fields.One2many(
        "lu.vat.return.correction", "wizard_id", readonly=True
    )
    computed = fields.Boolean(readonly=True)
    csv_file = fields.Binary(string="CSV file", readonly=True, attachment=False)
    csv_filename = fields.Char(string="CSV file name", readonly=True)

    @api.depends("periodicity", "year", "quarter", "month")
    def _compute_dates(self):
        for wizard in self:
            number = wizard._period_number()
            if wizard.year and number:
                wizard.date_from, wizard.date_to = periods.period_bounds(
                    wizard.periodicity, wizard.year, number
                )
                wizard.period_label = periods.period_label(
                    wizard.periodicity, wizard.year, number
                )
            else:
                wizard.date_from = wizard.date_to = wizard.period_label = False

    def _period_number(self):
        if self.periodicity == "quarter":
            return int(self.quarter or 0)
        if self.periodicity == "month":
            return int(self.month or 0)
        return 1

    # ------------------------------------------------------------ layout
    def _tax_report(self):
        """The return layout: Odoo's Luxembourg tax report and its sections."""
        report = self.env.ref("l10n_lu.tax_report", raise_if_not_found=False)
        if not report:
            raise UserError(
                self.env._(
                    "The Luxembourg tax report of Odoo (module l10n_lu) is missing."
                )
            )
        return report.section_report_ids or report

    def _companies(self):
        """The company and its branches: they file one return."""
        return self.env["res.company"].search([("id", "child_of", self.company_id.id)])

    # ---------------------------------------------------------- figures
    def _tag_balances(self, tag_ids, date_from, date_to, companies):
        """One query: the balance of posted journal items per tax tag in the period,
        split by the earlier period each correction belongs to (None: this period's
        own figures)."""
        if not tag_ids:
            return []
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        trunc = self.periodicity  # month, quarter or year: PostgreSQL's own names
        query = SQL(
            """
            SELECT rel.account_account_tag_id,
                   CASE WHEN %(origin)s < %(date_from)s
                        THEN DATE_TRUNC(%(trunc)s, %(origin)s)::date
                   END AS corrected,
                   SUM(aml.balance),
                   COUNT(DISTINCT aml.move_id)
              FROM account_account_tag_account_move_line_rel rel
              JOIN account_move_line aml ON aml.id = rel.account_move_line_id
              JOIN account_move m ON m.id = aml.move_id
              LEFT JOIN account_move orig ON orig.id = m.reversed_entry_id
             WHERE rel.account_account_tag_id IN %(tags)s
               AND aml.parent_state = 'posted'
               AND aml.company_id IN %(companies)s
               AND aml.date BETWEEN %(date_from)s AND %(date_to)s
             GROUP BY 1, 2
            """,
            tags=tuple(tag_ids),
            companies=tuple(companies.ids),
            date_from=date_from,
            date_to=date_to,
            trunc=trunc,
            origin=_ORIGIN_DATE,
        )
        return self.env.execute_query(query)

    def _oss_turnover(self, date_from, date_to, companies):
        """Taxable amount of posted sales under the OSS taxes of ``oss_vat_invoice``
        (credit positive), split like ``_tag_balances``."""
        trunc = self.periodicity
        query = SQL(
            """
            SELECT CASE WHEN %(origin)s < %(date_from)s
                        THEN DATE_TRUNC(%(trunc)s, %(origin)s)::date
                   END AS corrected,
                   SUM(-aml.balance),
                   COUNT(DISTINCT aml.move_id)
              FROM account_move_line aml
              JOIN account_move m ON m.id = aml.move_id
              LEFT JOIN account_move orig ON orig.id = m.reversed_entry_id
             WHERE aml.parent_state = 'posted'
               AND aml.company_id IN %(companies)s
               AND aml.date BETWEEN %(date_from)s AND %(date_to)s
               AND aml.tax_line_id IS NULL
               AND EXISTS (
                    SELECT 1 FROM account_move_line_account_tax_rel r
                      JOIN account_tax t ON t.id = r.account_tax_id
                     WHERE r.account_move_line_id = aml.id
                       AND t.oss_vat_key LIKE 'oss:%%')
             GROUP BY 1
            """,
            companies=tuple(companies.ids),
            date_from=date_from,
            date_to=date_to,
            trunc=trunc,
            origin=_ORIGIN_DATE,
        )
        return self.env.execute_query(query)

    def _layout(self):
        """Lines of the layout and, per ``(code, 'balance')`` key, what makes them:
        ``tag_terms`` {key: [(tag id, sign)]}, aggregation ``formulas`` {key: text}
        and the ``unknown`` keys of engines computed elsewhere (manual entries)."""
        lines = self._tax_report().line_ids.sorted(
            lambda line: (line.report_id.sequence, line.sequence, line.id)
        )
        tags_by_name = self._tax_tags(lines)
        tag_terms, formulas, unknown = {}, {}, []
        for line in lines:
            key = self._line_key(line)
            expr = self._balance_expression(line)
            if not expr:
                continue
            if expr.engine == "tax_tags":
                # Odoo 19: a '-' before the tag name means the box shows -balance
                # (account.account.tag.balance_negate)
                sign = -1.0 if expr.formula.startswith("-") else 1.0
                name = (line.report_id.country_id.id, expr.formula.lstrip("-"))
                tag_terms[key] = [(tag_id, sign) for tag_id in tags_by_name[name]]
            elif expr.engine == "aggregation":
                formulas[key] = expr.formula
            else:
                unknown.append(key)
        return lines, tag_terms, formulas, unknown

    def _tax_tags(self, lines):
        """One search for the tags of every tax_tags expression of ``lines``, found as
        Odoo's ``_get_tax_tags`` does (English name without the sign, country,
        archived ones included): {(country id, name): [tag ids]}."""
        exprs = lines.expression_ids.filtered(lambda e: e.engine == "tax_tags")
        tags = (
            self.env["account.account.tag"]
            .with_context(active_test=False, lang="en_US")
            .search(
                [
                    ("applicability", "=", "taxes"),
                    ("country_id", "in", lines.report_id.country_id.ids),
                    ("name", "in", list({e.formula.lstrip("-") for e in exprs})),
                ]
            )
        )
        result = defaultdict(list)
        for tag in tags:
            result[(tag.country_id.id, tag.name)].append(tag.id)
        return result

    @staticmethod
    def _line_key(line):
        return (line.code or f"line_{line.id}", "balance")

    @staticmethod
    def _balance_expression(line):
        return line.expression_ids.filtered(lambda e: e.label == "balance")[:1]

    def _tag_values(self, tag_terms, companies):
        """Signed value of each tag-based box, and its corrections
        [(key, corrected period start, amount)]."""
        by_tag = defaultdict(lambda: defaultdict(float))
        all_tags = {tag_id for terms in tag_terms.values() for tag_id, _s in terms}
        for tag_id, corrected, balance, _count in self._tag_balances(
            all_tags, self.date_from, self.date_to, companies
        ):
            by_tag[tag_id][corrected] += balance
        values, corrections = {}, []
        for key, terms in tag_terms.items():
            split = defaultdict(float)
            for tag_id, sign in terms:
                for corrected, balance in by_tag.get(tag_id, {}).items():
                    split[corrected] += sign * balance
            values[key] = sum(split.values())
            corrections += [(key, c, amount) for c, amount in split.items() if c]
        return values, corrections

    def _row_vals(self, line, values, missing, tag_terms):
        box, label = self._box_and_label(line)
        expr = self._balance_expression(line)
        key = self._line_key(line)
        currency = self.company_id.currency_id
        vals = {
            "code": line.code or False,
            "box": box,
            "name": label,
            "hierarchy_level": line.hierarchy_level,
            "kind": "heading",
            "amount": 0.0,
            "note": False,
        }
        if expr.engine == "tax_tags":
            vals.update(
                kind="tags",
                amount=currency.round(values[key]),
                tag_ids=[(6, 0, [tag_id for tag_id, _s in tag_terms[key]])],
                negate=expr.formula.startswith("-"),
            )
        elif expr.engine == "aggregation":
            vals.update(kind="aggregation", amount=currency.round(values[key]))
            if missing.get(key):
                vals["note"] = self.env._(
                    "Leaves out boxes not computed here: %(boxes)s",
                    boxes=", ".join(self._code_box(c) for c in missing[key]),
                )
        elif expr:
            vals.update(
                kind="not_computed",
                note=self.env._(
                    "Not computed here: this box is entered by hand on the return "
                    "(engine %(engine)s)",
                    engine=expr.engine,
                ),
            )
        return vals

    def _oss_row(self, companies):
        """The taxable amount of OSS sales, apart: no box of the layout is sourced
        for it. Returns (row values, {corrected period start: amount})."""
        total, split = 0.0, defaultdict(float)
        for corrected, amount, _count in self._oss_turnover(
            self.date_from, self.date_to, companies
        ):
            total += amount
            if corrected:
                split[corrected] += amount
        vals = {
            "code": False,
            "box": False,
            "name": self.env._(
                "Distance sales taxed in other member states (OSS), taxable amount"
            ),
            "hierarchy_level": 1,
            "kind": "oss",
            "amount": self.company_id.currency_id.round(total),
            "note": self.env._(
                "Box not sourced: declared in the quarterly OSS return. Box 226 "
                "(special arrangement of art. 56sexies) may be where it belongs; "
                "check with the tax office before entering it."
            ),
        }
        return vals, split

    def _compute_boxes(self):
        """Rows of the return and the corrections of earlier periods."""
        self.ensure_one()
        if not self.date_from:
            raise UserError(self.env._("Choose the year and the period of the return."))
        companies = self._companies()
        lines, tag_terms, formulas, unknown = self._layout()
        values, corrections = self._tag_values(tag_terms, companies)
        try:
            values, missing = evaluate_all(formulas, values, unknown)
        except FormulaError as error:
            raise UserError(
                self.env._(
                    "The tax report layout cannot be evaluated: %(error)s", error=error
                )
            ) from error
        rows, row_by_key = [], {}
        for line in lines:
            row_by_key[self._line_key(line)] = vals = self._row_vals(
                line, values, missing, tag_terms
            )
            rows.append(vals)
        oss_vals, oss_split = self._oss_row(companies)
        rows.append(oss_vals)
        for sequence, vals in enumerate(rows, start=1):
            vals["sequence"] = sequence
        correction_vals = [
            self._correction_vals(
                row_by_key[key]["box"], row_by_key[key]["name"], corrected, amount
            )
            for key, corrected, amount in sorted(
                corrections, key=lambda c: (c[1], c[0])
            )
        ] + [
            self._correction_vals(False, oss_vals["name"], corrected, amount)
            for corrected, amount in sorted(oss_split.items())
        ]
        return rows, correction_vals

    def _correction_vals(self, box, name, corrected, amount):
        year, number = periods.period_of(self.periodicity, corrected)
        return {
            "box": box,
            "name": name,
            "corrected_period": periods.period_label(self.periodicity, year, number),
            "amount": self.company_id.currency_id.round(amount),
        }

    @staticmethod
    def _code_box(code):
        return code.removeprefix("LUTAX_")

    @staticmethod
    def _box_and_label(line):
        match = _BOX_NAME.match(line.name or "")
        if match:
            return match[1], match[2]
        return False, line.name

    # ----------------------------------------------------------- actions
    def action_compute(self):
        self.ensure_one()
        rows, corrections = self._compute_boxes()
        self.write(
            {
                "line_ids": [(5, 0, 0)] + [(0, 0, vals) for vals in rows],
                "correction_ids": [(5, 0, 0)] + [(0, 0, vals) for vals in corrections],
                "computed": True,
            }
        )
        self._make_csv()
        return self._reopen()

    def _reopen(self):
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
                "box",
                "label",
                "amount",
                "currency",
                "corrected_period",
                "note",
            ]
        )
        currency = self.currency_id.name
        for line in self.line_ids.filtered(lambda line: line.kind != "heading"):
            writer.writerow(
                [
                    self.period_label,
                    "return",
                    line.box or "",
                    line.name,
                    "" if line.kind == "not_computed" else f"{line.amount:.2f}",
                    currency,
                    "",
                    line.note or "",
                ]
            )
        for corr in self.correction_ids:
            writer.writerow(
                [
                    self.period_label,
                    "correction",
                    corr.box or "",
                    corr.name,
                    f"{corr.amount:.2f}",
                    currency,
                    corr.corrected_period,
                    "",
                ]
            )
        owner = self.company_id.vat or self.company_id.id
        self.csv_file = base64.b64encode(buffer.getvalue().encode("utf-8-sig"))
        self.csv_filename = f"lu_vat_return_{owner}_{self.period_label}.csv"
