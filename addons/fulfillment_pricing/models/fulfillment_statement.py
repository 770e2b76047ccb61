# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import base64
import csv
import datetime
import io
from collections import defaultdict

import xlsxwriter
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import pricing


class FulfillmentStatement(models.Model):
    """A client's usage of one month, billed as one customer invoice."""

    _name = "fulfillment.statement"
    _description = "Fulfilment statement"
    _order = "date_from desc, client_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    client_id = fields.Many2one("res.partner", required=True, index=True)
    date_from = fields.Date("Month", required=True)
    date_to = fields.Date(required=True)
    rate_card_id = fields.Many2one("fulfillment.rate.card", "Rate card version")
    currency_id = fields.Many2one("res.currency", required=True)
    line_ids = fields.One2many("fulfillment.cost.line", "statement_id", "Usage lines")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    late_count = fields.Integer(
        "Late lines", compute="_compute_amount_total", store=True
    )
    invoice_id = fields.Many2one("account.move", readonly=True, copy=False)

    _unique_month = models.Constraint(
        "UNIQUE(company_id, client_id, date_from)",
        "A client has one statement per month.",
    )

    @api.depends("client_id.name", "date_from")
    def _compute_name(self):
        for st in self:
            st.name = (
                f"{st.client_id.name or ''} {st.date_from:%Y-%m}"
                if st.date_from
                else ""
            )

    @api.depends("line_ids.amount", "line_ids.late")
    def _compute_amount_total(self):
        CostLine = self.env["fulfillment.cost.line"]
        amounts = dict(
            CostLine._read_group(
                [("statement_id", "in", self.ids)], ["statement_id"], ["amount:sum"]
            )
        )
        lates = dict(
            CostLine._read_group(
                [("statement_id", "in", self.ids), ("late", "=", True)],
                ["statement_id"],
                ["__count"],
            )
        )
        for st in self:
            st.amount_total = amounts.get(st, 0.0)
            st.late_count = lates.get(st, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered("invoice_id"):
            raise UserError(
                self.env._(
                    "Statement %(statement)s is invoiced and cannot be deleted.",
                    statement=self.filtered("invoice_id")[:1].name,
                )
            )

    # ------------------------------------------------------------------
    # the month run
    # ------------------------------------------------------------------

    @api.model
    def _run_month(self, month, company=None):
        """Make the statements and invoices of ``month`` (any date in it) for
        every client with usage. Clients already billed for that month are
        skipped, so running it twice bills nothing twice. Unbilled lines dated
        before the month go on this statement, flagged late when their own
        month was already billed to the client. Returns the new statements."""
        company = company or self.env.company
        date_from = month.replace(day=1)
        date_to = date_from + relativedelta(months=1, days=-1)
        cr = self.env.cr
        self.env.flush_all()
        # Serialise concurrent runs of the same company and month.
        cr.execute(
            SQL(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                f"fulfillment_statement:{company.id}:{date_from}",
            )
        )
        cr.execute(
            SQL(
                """
                SELECT client_id FROM fulfillment_cost_line
                 WHERE company_id = %(company)s AND client_id IS NOT NULL
                   AND statement_id IS NULL AND date <= %(to)s
                UNION
                SELECT owner_id FROM fulfillment_storage_day
                 WHERE company_id = %(company)s AND date BETWEEN %(from)s AND %(to)s
                EXCEPT
                SELECT client_id FROM fulfillment_statement
                 WHERE company_id = %(company)s AND date_from = %(from)s
                """,
                company=company.id,
                to=date_to,
                **{"from": date_from},
            )
        )
        client_ids = sorted(r[0] for r in cr.fetchall())
        if not client_ids:
            return self.browse()
        Card = self.env["fulfillment.rate.card"].sudo()
        provider = company.partner_id.id
        keys = {(company.id, provider, cid, date_to) for cid in client_ids}
        cards = Card._find_cards(keys)
        statements = self.create(
            [
                {
                    "company_id": company.id,
                    "client_id": cid,
                    "date_from": date_from,
                    "date_to": date_to,
                    "rate_card_id": cards[(company.id, provider, cid, date_to)].id
                    if cards[(company.id, provider, cid, date_to)]
                    else False,
                    "currency_id": (
                        cards[(company.id, provider, cid, date_to)].currency_id
                        or company.currency_id
                    ).id,
                }
                for cid in client_ids
            ]
        )
        by_client = {st.client_id.id: st for st in statements}
        CostLine = self.env["fulfillment.cost.line"].sudo()
        # The month's storage, written unattached: the UPDATE below attaches
        # it with the other lines.
        CostLine._write_rows(
            [
                dict(row, statement_id=None)
                for row in self._storage_rows(company, date_from, date_to, by_client)
            ]
        )
        # Attach every unbilled line of these clients up to the month's end,
        # and sum what was attached per statement in the same query (the
        # monthly minimum and the totals need it: no second pass over the
        # month's lines).
        cr.execute(
            SQL(
                """
                WITH attached AS (
                    UPDATE fulfillment_cost_line l
                       SET statement_id = s.id,
                           -- late: its own month was already billed to this client
                           late = l.date < %(from)s AND EXISTS (
                               SELECT 1 FROM fulfillment_statement closed
                                WHERE closed.company_id = l.company_id
                                  AND closed.client_id = l.client_id
                                  AND l.date BETWEEN closed.date_from
                                                 AND closed.date_to)
                      FROM fulfillment_statement s
                     WHERE s.id = ANY(%(ids)s) AND l.client_id = s.client_id
                       AND l.company_id = %(company)s AND l.statement_id IS NULL
                       AND l.date <= %(to)s
                 RETURNING l.statement_id, l.amount, l.late
                )
                SELECT statement_id, SUM(amount), COUNT(*) FILTER (WHERE late)
                  FROM attached
                 GROUP BY statement_id
                """,
                ids=statements.ids,
                company=company.id,
                to=date_to,
                **{"from": date_from},
            )
        )
        totals, lates = {}, {}
        for statement_id, amount, late in cr.fetchall():
            totals[statement_id], lates[statement_id] = amount or 0.0, late
        CostLine.invalidate_model()
        minimum_rows = self._minimum_rows(statements, totals)
        CostLine._write_rows(minimum_rows)
        minimums = {row["statement_id"]: row["amount"] for row in minimum_rows}
        # The stored totals from these sums: what _compute_amount_total finds
        # by reading the lines again (Monetary: rounded to the currency).
        cr.execute(
            SQL(
                """
                UPDATE fulfillment_statement s
                   SET amount_total = t.amount, late_count = t.late
                  FROM unnest(%s::int[], %s::numeric[], %s::int[])
                       AS t(id, amount, late)
                 WHERE s.id = t.id
                """,
                statements.ids,
                [
                    st.currency_id.round(
                        totals.get(st.id, 0.0) + minimums.get(st.id, 0.0)
                    )
                    for st in statements
                ],
                [lates.get(st.id, 0) for st in statements],
            )
        )
        statements.invalidate_recordset(["amount_total", "late_count"])
        # One invoice per statement, as queue jobs: invoicing is the slow part
        # (Odoo's account.move) and spreads over every worker this way.
        for st in statements:
            st.with_delay(
                description=self.env._("Invoice statement %(name)s", name=st.name),
                identity_key=f"fulfillment_statement_invoice:{st.id}",
            )._job_create_invoice()
        return statements

    def _job_create_invoice(self):
        """Queue job: the statement's invoice (does nothing once invoiced)."""
        self._create_invoices()
        return self.invoice_id.name or ""

    @api.model
    def _action_run_last_month(self):
        """Server action: bill last month for the current company."""
        today = fields.Date.context_today(self)
        month = today.replace(day=1) - datetime.timedelta(days=1)
        statements = self._run_month(month, self.env.company)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fulfillment_pricing.fulfillment_statement_action"
        )
        action["domain"] = [("date_from", "=", month.replace(day=1))]
        action["context"] = {"created": statements.ids}
        return action

    def _storage_rows(self, company, date_from, date_to, by_client):
        """Storage of the month from the quant-days, one query for every
        client: per day, the volume (per m³ cards) or the number of occupied
        locations per type (per location cards), split by age band."""
        thresholds = sorted(
            {
                band.low
                for st in by_client.values()
                if st.rate_card_id
                for band in st.rate_card_id._to_card().age_bands
                if band.low > 0
            }
            | {
                band.high
                for st in by_client.values()
                if st.rate_card_id
                for band in st.rate_card_id._to_card().age_bands
                if band.high
            }
        )
        bucket = (
            SQL("width_bucket(age, %s::int[])", [int(t) for t in thresholds])
            if thresholds
            else SQL("0")
        )
        self.env.cr.execute(
            SQL(
                """
                WITH loc AS (
                    SELECT date, owner_id, location_id, storage_type,
                           SUM(volume) AS volume, MAX(age_days) AS age
                      FROM fulfillment_storage_day
                     WHERE company_id = %(company)s AND owner_id = ANY(%(owners)s)
                       AND date BETWEEN %(from)s AND %(to)s
                     GROUP BY date, owner_id, location_id, storage_type
                )
                SELECT owner_id, date, storage_type, %(bucket)s AS b,
                       COUNT(*), SUM(volume)
                  FROM loc
                 GROUP BY owner_id, date, storage_type, b
                """,
                company=company.id,
                owners=list(by_client),
                to=date_to,
                bucket=bucket,
                **{"from": date_from},
            )
        )
        days = defaultdict(list)
        for owner_id, day, stype, b, locations, volume in self.env.cr.fetchall():
            # The lower bound of the bucket stands for the age of its stock.
            age = thresholds[b - 1] if b else 0
            days[owner_id].append((day, stype, locations, float(volume or 0.0), age))
        CostLine = self.env["fulfillment.cost.line"]
        rows = []
        for owner_id, st in by_client.items():
            card_rec = st.rate_card_id
            if not card_rec or owner_id not in days:
                continue
            card = card_rec._to_card()
            day_rows = [
                (day, stype, volume if card.storage_basis == "volume" else locs, age)
                for day, stype, locs, volume, age in days[owner_id]
            ]
            for charge in pricing.storage(card, day_rows):
                amount = round(charge.amount, 2)
                rows.append(
                    self._statement_row(st, charge, amount, CostLine, "storage")
                )
        return rows

    def _statement_row(self, st, charge, amount, CostLine, origin):
        company = st.company_id
        rate = (
            1.0
            if st.currency_id == company.currency_id
            else self.env["res.currency"]._get_conversion_rate(
                st.currency_id, company.currency_id, company, st.date_to
            )
        )
        return {
            "company_id": company.id,
            "order_id": None,
            "picking_id": None,
            "client_id": st.client_id.id,
            "rate_card_id": st.rate_card_id.id,
            "currency_id": st.currency_id.id,
            "component": charge.component,
            "code": charge.code,
            "name": CostLine._charge_label(charge),
            "origin": origin,
            "state": "fixed",
            "date": st.date_to,
            "quantity": charge.quantity,
            "unit_price": charge.unit_price,
            "amount": amount,
            "amount_company": company.currency_id.round(amount * rate),
            "statement_id": st.id,
        }

    def _minimum_rows(self, statements, totals=None):
        """The difference to the card's monthly minimum, as its own line.
        ``totals``: {statement id: amount of its lines}, when known."""
        if totals is None:
            self.env.flush_all()
            totals = {
                st.id: amount
                for st, amount in self.env["fulfillment.cost.line"]
                .sudo()
                ._read_group(
                    [("statement_id", "in", statements.ids)],
                    ["statement_id"],
                    ["amount:sum"],
                )
            }
        CostLine = self.env["fulfillment.cost.line"]
        rows = []
        for st in statements.filtered("rate_card_id"):
            card = st.rate_card_id._to_card()
            for charge in pricing.monthly_minimum(card, totals.get(st.id, 0.0)):
                rows.append(
                    self._statement_row(
                        st, charge, round(charge.amount, 2), CostLine, "manual"
                    )
                )
        return rows

    def _create_invoices(self):
        """One customer invoice per statement: one line per component."""
        self.env.flush_all()
        groups = (
            self.env["fulfillment.cost.line"]
            .sudo()
            ._read_group(
                [("statement_id", "in", self.ids)],
                ["statement_id", "component"],
                ["amount:sum"],
            )
        )
        per_statement = defaultdict(list)
        for st, component, amount in groups:
            per_statement[st].append((component, amount))
        labels = self.env["fulfillment.cost.line"]._component_labels()
        order = [
            c
            for c, __ in self.env["fulfillment.cost.line"]
            ._fields["component"]
            .selection
        ]
        product = self.env.ref("fulfillment_pricing.product_fulfillment_service")
        moves_vals = []
        todo = self.filtered(lambda s: not s.invoice_id and per_statement.get(s))
        for st in todo:
            lines = sorted(per_statement[st], key=lambda x: order.index(x[0]))
            moves_vals.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": st.client_id.id,
                    "company_id": st.company_id.id,
                    "currency_id": st.currency_id.id,
                    "invoice_date": st.date_to,
                    "invoice_origin": st.name,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._(
                                    "%(component)s, %(month)s",
                                    component=labels[component],
                                    month=f"{st.date_from:%Y-%m}",
                                ),
                                "quantity": 1,
                                "price_unit": amount,
                            }
                        )
                        for component, amount in lines
                        if amount
                    ],
                }
            )
        moves = self.env["account.move"].create(moves_vals)
        for st, move in zip(todo, moves, strict=True):
            st.invoice_id = move

    # ------------------------------------------------------------------
    # detail per order
    # ------------------------------------------------------------------

    def _detail_rows(self):
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(so.name, p.name, ''), l.date, l.component, l.name,
                       l.quantity, l.unit_price, l.amount, l.late
                  FROM fulfillment_cost_line l
                  LEFT JOIN sale_order so ON so.id = l.order_id
                  LEFT JOIN stock_picking p ON p.id = l.picking_id
                 WHERE l.statement_id = %s
                 ORDER BY COALESCE(so.name, p.name, ''), l.date, l.id
                """,
                self.id,
            )
        )
        labels = self.env["fulfillment.cost.line"]._component_labels()
        return [
            (
                ref,
                day,
                labels.get(comp, comp),
                name,
                qty,
                float(price),
                float(amount),
                late,
            )
            for ref, day, comp, name, qty, price, amount, late in self.env.cr.fetchall()
        ]

    def _detail_header(self):
        return [
            self.env._("Order or transfer"),
            self.env._("Date"),
            self.env._("Component"),
            self.env._("Description"),
            self.env._("Quantity"),
            self.env._("Unit price"),
            self.env._("Amount"),
            self.env._("Late"),
        ]

    def _detail_csv(self):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(self._detail_header())
        for row in self._detail_rows():
            writer.writerow([*row[:7], "x" if row[7] else ""])
        return out.getvalue().encode()

    def _detail_xlsx(self):
        out = io.BytesIO()
        book = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = book.add_worksheet(f"{self.date_from:%Y-%m}")
        bold = book.add_format({"bold": True})
        date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write_row(0, 0, self._detail_header(), bold)
        for r, row in enumerate(self._detail_rows(), start=1):
            sheet.write(r, 0, row[0])
            sheet.write_datetime(
                r, 1, datetime.datetime.combine(row[1], datetime.time()), date_fmt
            )
            sheet.write_row(r, 2, [row[2], row[3], row[4], row[5], row[6]])
            sheet.write(r, 7, "x" if row[7] else "")
        book.close()
        return out.getvalue()

    def action_export_detail(self, fmt="csv"):
        """Attach the per-order detail (CSV or XLSX) and download it."""
        self.ensure_one()
        if fmt == "xlsx":
            data = self._detail_xlsx()
            mimetype = (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        else:
            fmt = "csv"
            data = self._detail_csv()
            mimetype = "text/csv"
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}.{fmt}",
                "datas": base64.b64encode(data),
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_export_detail_xlsx(self):
        return self.action_export_detail("xlsx")
