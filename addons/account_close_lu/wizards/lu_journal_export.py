# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import csv
import tempfile

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

#: A text cell starting with one of these is read as a formula by spreadsheets
#: (CSV injection, https://owasp.org/www-community/attacks/CSV_Injection): names
#: and labels come from buyers and marketplaces, so such cells get a leading
#: apostrophe in the CSV. Amounts are written as numbers and never touched; the
#: XLSX export writes text cells as text, which no spreadsheet evaluates.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: The export's columns, in order. Their names are a stable interface for the
#: accountant's tools: add new columns at the end, never rename one (see README).
COLUMNS = (
    "date",
    "journal_code",
    "journal",
    "entry",
    "entry_type",
    "document_reference",
    "invoice_date",
    "line_id",
    "account_code",
    "account",
    "partner",
    "partner_vat",
    "label",
    "tax",
    "taxes",
    "tax_tags",
    "debit",
    "credit",
    "balance",
    "company_currency",
    "amount_currency",
    "currency",
    "matching_number",
    "entry_url",
    "attachment_url",
)
#: Rows read per query: the export streams the period in batches of this size.
BATCH_SIZE = 5000


class LuJournalExport(models.TransientModel):
    """Posted journal items of a period for an outside accountant, one line per item,
    as CSV or XLSX."""

    _name = "lu.journal.export"
    _description = "Journal items export for the accountant"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    journal_ids = fields.Many2many(
        "account.journal",
        string="Journals",
        help="Leave empty to export every journal.",
        domain="[('company_id', 'child_of', company_id)]",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for export in self:
            if export.date_from > export.date_to:
                raise ValidationError(
                    self.env._(
                        "Journal export: the start date %(start)s is after the end "
                        "date %(end)s.",
                        start=export.date_from,
                        end=export.date_to,
                    )
                )

    def _companies(self):
        return self.env["res.company"].search([("id", "child_of", self.company_id.id)])

    def _batch_query(self, after):
        """One batch of rows, ordered by (date, id), after the key ``after``."""
        lang = self.env.lang or "en_US"

        def tr(column):
            return SQL("COALESCE(%s->>%s, %s->>'en_US')", column, lang, column)

        base_url = self.get_base_url()
        journals = (
            SQL("AND aml.journal_id IN %s", tuple(self.journal_ids.ids))
            if self.journal_ids
            else SQL()
        )
        after_sql = (
            SQL("AND (aml.date, aml.id) > (%s, %s)", after[0], after[1])
            if after
            else SQL()
        )
        return SQL(
            """
            SELECT aml.date, j.code, %(journal)s, m.name, m.move_type, m.ref,
                   m.invoice_date, aml.id,
                   a.code_store->>%(root)s, %(account)s,
                   p.name, cp.vat, aml.name, %(tax_line)s,
                   (SELECT STRING_AGG(%(tax)s, ', ' ORDER BY t.sequence, t.id)
                      FROM account_move_line_account_tax_rel r
                      JOIN account_tax t ON t.id = r.account_tax_id
                     WHERE r.account_move_line_id = aml.id),
                   (SELECT STRING_AGG(%(tag)s, ', ' ORDER BY tg.id)
                      FROM account_account_tag_account_move_line_rel r
                      JOIN account_account_tag tg ON tg.id = r.account_account_tag_id
                     WHERE r.account_move_line_id = aml.id),
                   aml.debit, aml.credit, aml.balance, cc.name,
                   aml.amount_currency, cur.name, aml.matching_number,
                   %(base)s || '/odoo/account.move/' || m.id,
                   CASE WHEN m.message_main_attachment_id IS NOT NULL
                        THEN %(base)s || '/web/content/'
                             || m.message_main_attachment_id || '?download=true'
                   END
              FROM account_move_line aml
              JOIN account_move m ON m.id = aml.move_id
              JOIN account_journal j ON j.id = aml.journal_id
              JOIN account_account a ON a.id = aml.account_id
              JOIN res_currency cc ON cc.id = aml.company_currency_id
              LEFT JOIN res_currency cur ON cur.id = aml.currency_id
              LEFT JOIN res_partner p ON p.id = aml.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN account_tax tl ON tl.id = aml.tax_line_id
             WHERE aml.parent_state = 'posted'
               AND aml.display_type NOT IN
                   ('line_section', 'line_subsection', 'line_note')
               AND aml.company_id IN %(companies)s
               AND aml.date BETWEEN %(date_from)s AND %(date_to)s
               %(journals)s
               %(after)s
             ORDER BY aml.date, aml.id
             LIMIT %(limit)s
            """,
            journal=tr(SQL("j.name")),
            account=tr(SQL("a.name")),
            tax_line=tr(SQL("tl.name")),
            tax=tr(SQL("t.name")),
            tag=tr(SQL("tg.name")),
            root=str(self.company_id.root_id.id),
            base=base_url,
            companies=tuple(self._companies().ids),
            date_from=self.date_from,
            date_to=self.date_to,
            journals=journals,
            after=after_sql,
            limit=BATCH_SIZE,
        )

    def _iter_rows(self):
        """Yield the export's rows (tuples in COLUMNS order), one query per batch of
        BATCH_SIZE, so that a year of items never sits in memory at once."""
        self.ensure_one()
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        # Each batch is cheap (index lookups per row) but its estimated cost is high
        # enough for PostgreSQL to JIT-compile it, which alone took 3 s a batch in
        # the benchmark: off for the rest of this (read-only) transaction.
        self.env.cr.execute(SQL("SET LOCAL jit = off"))
        after = None
        while True:
            self.env.cr.execute(self._batch_query(after))
            rows = self.env.cr.fetchall()
            yield from rows
            if len(rows) < BATCH_SIZE:
                return
            after = (rows[-1][0], rows[-1][7])

    def _filename(self, extension):
        owner = self.company_id.vat or self.company_id.id
        return f"journal_items_{owner}_{self.date_from}_{self.date_to}.{extension}"

    def _write_csv(self, stream):
        writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in self._iter_rows():
            writer.writerow(
                [
                    f"{value:.2f}"
                    if isinstance(value, float)
                    else ("" if value is None else _csv_text(value))
                    for value in row
                ]
            )

    def action_export_csv(self):
        """Write the CSV (UTF-8 with BOM, ';'-separated) and download it."""
        self.ensure_one()
        with tempfile.TemporaryFile("w+", encoding="utf-8-sig", newline="") as stream:
            self._write_csv(stream)
            stream.seek(0)
            data = stream.read().encode("utf-8-sig")
        attachment = self.env["ir.attachment"].create(
            {
                "name": self._filename("csv"),
                "raw": data,
                "mimetype": "text/csv",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref(
            "account_close_lu.action_report_journal_items_xlsx"
        ).report_action(self)


def _csv_text(value):
    """``value`` for a CSV cell, text that a spreadsheet would run as a formula
    neutralised (see FORMULA_START)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
