# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The figures of the vendor's OMS home, read in a fixed number of queries."""

import datetime
import math
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.oss_vat_invoice import vat_decision as vd

#: System parameter: hours Letzshop gives a seller to confirm or decline an order.
#: Letzshop does not publish this figure in its API documentation (unverified):
#: it is kept here, in one place, and can be changed per database.
DECISION_DEADLINE_PARAM = "letzshop_oms.decision_deadline_hours"
DEFAULT_DECISION_DEADLINE_HOURS = 48
#: Periods (days) of the sales figures.
PERIODS = (7, 30, 90)
#: Days back a shipped transfer still counts as "shipped without tracking".
TRACKING_LOOKBACK_DAYS = 30
#: Fields the fulfilment figures read (fulfillment_pricing restricts them).
COST_GROUPS = "sales_team.group_sale_salesman,account.group_account_invoice"


class LetzshopOmsHome(models.AbstractModel):
    _name = "letzshop.oms.home"
    _description = "OMS Home"

    @api.model
    def _day_start(self, day):
        """The UTC datetime at which ``day`` starts in the user's time zone (the
        days of the figures are the user's days, as _read_group groups them)."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        local = tz.localize(datetime.datetime.combine(day, datetime.time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------ today's work
    @api.model
    def _outgoing_ready_domain(self):
        """Deliveries ready: to pick, or picked and to ship."""
        return [
            ("picking_type_code", "=", "outgoing"),
            ("state", "=", "assigned"),
            ("company_id", "in", self.env.companies.ids),
        ]

    @api.model
    def _work_domains(self, counting=False):
        """{key: (model, domain)} of today's work; each number is a count of
        records and opens their list. Returns to inspect only when a returns
        (``rma``) addon is installed.

        :param counting: the domains to count with, not to open a list: the same
            records, but "the transfer has a picked move" as one subquery read
            once (``id IN (SELECT picking_id ...)``) instead of a correlated
            EXISTS per transfer, which the planner cannot turn into a join when
            the figures are counted together (see _count_figures)."""
        now = fields.Datetime.now()
        companies = self.env.companies.ids
        outgoing_ready = self._outgoing_ready_domain()
        if counting and self.env["stock.move"].has_access("read"):
            # the moves as the "any" below reads them: the user's record rules;
            # only the moves of ready transfers (the only ones these conditions
            # are counted for), not every picked move of the company's history
            picked = self.env["stock.move"]._search(
                [
                    ("picked", "=", True),
                    ("picking_id", "!=", False),
                    ("picking_id.state", "=", "assigned"),
                ]
            )
            picked = picked.subselect(SQL.identifier("stock_move", "picking_id"))
            has_picked = ("id", "in", picked)
            none_picked = ("id", "not in", picked)
        else:
            has_picked = ("move_ids", "any", [("picked", "=", True)])
            none_picked = ("move_ids", "not any", [("picked", "=", True)])
        domains = {
            "to_decide": (
                "letzshop.shipment",
                [
                    ("company_id", "in", companies),
                    ("state", "=", "unconfirmed"),
                    ("decision_state", "in", ("to_decide", "failed")),
                    ("sale_order_id", "!=", False),
                ],
            ),
            "to_pick": ("stock.picking", [*outgoing_ready, none_picked]),
            "to_ship": ("stock.picking", [*outgoing_ready, has_picked]),
            "no_tracking": (
                "stock.picking",
                [
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "=", "done"),
                    ("company_id", "in", companies),
                    ("sale_id", "!=", False),
                    ("carrier_tracking_ref", "=", False),
                    (
                        "date_done",
                        ">=",
                        now - datetime.timedelta(days=TRACKING_LOOKBACK_DAYS),
                    ),
                ],
            ),
            "late": (
                "sale.order",
                [
                    ("state", "=", "sale"),
                    ("company_id", "in", companies),
                    ("commitment_date", "<", now),
                    ("delivery_status", "in", ("pending", "started", "partial")),
                ],
            ),
            "invoices_not_sent": (
                "account.move",
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("company_id", "in", companies),
                    ("is_move_sent", "=", False),
                ],
            ),
            "reorder": (
                "stock.demand.forecast",
                [("company_id", "in", companies), ("needs_order", "=", True)],
            ),
        }
        if self._rma_installed():
            domains["returns"] = (
                "rma",
                [("company_id", "in", companies), ("state", "=", "received")],
            )
        return domains

    @api.model
    def _rma_installed(self):
        """Returns are an optional addon (OCA ``rma``): looked up at run time."""
        return "rma" in self.env and "state" in self.env["rma"]._fields

    @api.model
    def _oversold_domain(self):
        """Quants of internal locations: products whose stock there sums below 0."""
        return [
            ("location_id.usage", "=", "internal"),
            ("company_id", "in", self.env.companies.ids),
        ]

    @api.model
    def _oversold_product_ids(self):
        domain = self._oversold_domain()
        # A sum below zero needs a quant below zero among those summed: only the
        # products that have one are grouped, not every product in stock.
        negative = self.env["stock.quant"]._search([*domain, ("quantity", "<", 0)])
        groups = self.env["stock.quant"]._read_group(
            [
                *domain,
                (
                    "product_id",
                    "in",
                    negative.subselect(SQL.identifier("stock_quant", "product_id")),
                ),
            ],
            groupby=["product_id"],
            having=[("quantity:sum", "<", 0)],
        )
        return [product.id for (product,) in groups]

    @api.model
    def _count_figures(self, domains, scopes=None):
        """{key: count} of the records matching each domain of ``domains``
        ({key: (model, domain)}), the keys of a model the current user cannot read
        left out. One query per model, whatever the number of its figures: the
        records matching any of its domains, read with the user's record rules as
        ``search_count`` would, counted per domain (``COUNT(*) FILTER``).

        :param scopes: {model: domain} of the records to read for the figures of
            that model, when simpler than the union of their domains; every
            figure's records must be among them."""
        scopes = scopes or {}
        by_model = defaultdict(dict)
        for key, (model, domain) in domains.items():
            by_model[model][key] = domain
        counts = {}
        for model, figures in by_model.items():
            Model = self.env[model]
            if not Model.has_access("read"):
                continue
            scope = scopes[model] if model in scopes else Domain.OR(figures.values())
            query = Model._search(scope)
            if query.is_empty():
                counts.update(dict.fromkeys(figures, 0))
                continue
            # each figure's condition as _search builds it (optimised, joins added
            # to the same query); the record rules are in the query's WHERE. A
            # model's only figure is the scope itself: a plain COUNT(*), which
            # reads no column but the WHERE's (index-only scans on the partial
            # indexes of the invoices)
            if len(figures) == 1 and model not in scopes:
                terms = [SQL("COUNT(*)")]
            else:
                terms = [
                    SQL(
                        "COUNT(*) FILTER (WHERE %s)",
                        Domain(domain)
                        .optimize_full(Model)
                        ._to_sql(Model, Model._table, query),
                    )
                    for domain in figures.values()
                ]
            [row] = self.env.execute_query(query.select(*terms))
            counts.update(zip(figures, row, strict=True))
        return counts

    @api.model
    def _decision_deadline_hours(self):
        # sudo: a technical setting, read to show the seller its deadline.
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(DECISION_DEADLINE_PARAM, DEFAULT_DECISION_DEADLINE_HOURS)
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return DEFAULT_DECISION_DEADLINE_HOURS

    @api.model
    def _count_work_and_proof(self, today):
        """{key: count} of today's work (but the Letzshop orders to decide, read
        with their oldest date) and of the proof points. Counted together per
        model (one query each), but for the destination-VAT invoices, counted
        apart from the invoices not sent: each reads its own partial index, while
        their union is most invoices of a busy year (a full scan)."""
        domains = {
            **self._work_domains(counting=True),
            **self._proof_domains(today),
        }
        del domains["to_decide"]
        destination = {
            "destination_vat_invoices": domains.pop("destination_vat_invoices")
        }
        # the deliveries to pick and to ship are the ready ones split by a
        # subquery: the ready ones read once, not the union of both halves, and
        # those to pick counted as the ready ones but those to ship (the two
        # conditions are each other's negation), the subquery read once
        ready = self._outgoing_ready_domain()
        domains["ready"] = ("stock.picking", ready)
        del domains["to_pick"]
        pickings = Domain.OR([ready, domains["no_tracking"][1]])
        counts = {
            **self._count_figures(domains, scopes={"stock.picking": pickings}),
            **self._count_figures(destination),
        }
        if "ready" in counts:
            counts["to_pick"] = counts.pop("ready") - counts["to_ship"]
        return counts

    @api.model
    def _get_work(self, now, counts=None):
        """Today's work; ``counts`` ({key: count}, see _count_figures) when the
        caller counted them already with other figures."""
        domains = self._work_domains()
        if counts is None:
            counts = self._count_work_and_proof(fields.Date.context_today(self))
        work = {}
        for key, (model, domain) in domains.items():
            if not self.env[model].has_access("read"):
                continue
            if key == "to_decide":
                [(count, oldest)] = self.env[model]._read_group(
                    domain, aggregates=["__count", "completed_date:min"]
                )
                deadline = self._decision_deadline_hours()
                age = (now - oldest).total_seconds() / 3600 if oldest else 0.0
                work[key] = {
                    "count": count,
                    "oldest_age_hours": round(age, 1) if count else False,
                    "deadline_hours": deadline,
                    "overdue": bool(count and age > deadline),
                }
            else:
                work[key] = {"count": counts[key]}
        if self.env["stock.quant"].has_access("read"):
            work["oversold"] = {"count": len(self._oversold_product_ids())}
        return work

    # ------------------------------------------------------------ sales figures
    @api.model
    def _read_orders(self, today):
        """The confirmed orders of the longest period, grouped by channel, day and
        fulfilment cost status: one scan for the sales and the fulfilment figures.
        Rows (team, day, cost status, count, untaxed, fulfilment cost, margin)."""
        start = today - datetime.timedelta(days=max(PERIODS) - 1)
        tomorrow = today + datetime.timedelta(days=1)
        domain = [
            ("state", "=", "sale"),
            ("company_id", "in", self.env.companies.ids),
            ("date_order", ">=", self._day_start(start)),
            ("date_order", "<", self._day_start(tomorrow)),
        ]
        if self.env.user.has_groups(COST_GROUPS):
            return [
                (team, day.date(), *figures)
                for team, day, *figures in self.env["sale.order"]._read_group(
                    domain,
                    groupby=["team_id", "date_order:day", "fulfillment_cost_state"],
                    aggregates=[
                        "__count",
                        "amount_untaxed:sum",
                        "fulfillment_cost:sum",
                        "fulfillment_margin:sum",
                    ],
                )
            ]
        return [
            (team, day.date(), "none", count, amount, 0.0, 0.0)
            for team, day, count, amount in self.env["sale.order"]._read_group(
                domain,
                groupby=["team_id", "date_order:day"],
                aggregates=["__count", "amount_untaxed:sum"],
            )
        ]

    @api.model
    def _get_sales(self, today, rows=None):
        """Orders, revenue and average order per channel for each period, and the
        orders per day of the longest period."""
        if not self.env["sale.order"].has_access("read"):
            return False
        if rows is None:
            rows = self._read_orders(today)
        start = today - datetime.timedelta(days=max(PERIODS) - 1)
        groups = [
            (team, day, count, amount)
            for team, day, _state, count, amount, _cost, _margin in rows
        ]
        currency = self.env.company.currency_id
        periods = {}
        for days in PERIODS:
            since = today - datetime.timedelta(days=days - 1)
            channels = defaultdict(lambda: {"orders": 0, "revenue": 0.0})
            for team, day, count, amount in groups:
                if day >= since:
                    channel = channels[team]
                    channel["orders"] += count
                    channel["revenue"] += amount
            # the teams come from one _read_group: their names are read at once
            rows = [
                {
                    "channel_id": team.id,
                    "channel": team.display_name or self.env._("No channel"),
                    "orders": values["orders"],
                    "revenue": currency.round(values["revenue"]),
                }
                for team, values in channels.items()
            ]
            rows.sort(key=lambda row: -row["revenue"])
            orders = sum(row["orders"] for row in rows)
            revenue = sum(row["revenue"] for row in rows)
            periods[str(days)] = {
                "channels": rows,
                "orders": orders,
                "revenue": currency.round(revenue),
                "average_order": currency.round(revenue / orders) if orders else 0.0,
            }
        daily = defaultdict(int)
        for _team, day, count, _amount in groups:
            daily[day] += count
        periods["daily"] = [
            {
                "date": fields.Date.to_string(start + datetime.timedelta(days=n)),
                "orders": daily.get(start + datetime.timedelta(days=n), 0),
            }
            for n in range(max(PERIODS))
        ]
        return periods

    @api.model
    def _get_fulfillment(self, today, rows=None):
        """Fulfilment cost and margin per priced order, per period."""
        if not self.env.user.has_groups(COST_GROUPS):
            return False
        if rows is None:
            rows = self._read_orders(today)
        groups = [
            (day, count, cost, margin)
            for _team, day, state, count, _amount, cost, margin in rows
            if state in ("estimate", "fixed")
        ]
        currency = self.env.company.currency_id
        result = {}
        for days in PERIODS:
            since = today - datetime.timedelta(days=days - 1)
            period = [row for row in groups if row[0] >= since]
            orders = sum(row[1] for row in period)
            cost = sum(row[2] for row in period)
            margin = sum(row[3] for row in period)
            result[str(days)] = {
                "orders": orders,
                "cost_per_order": currency.round(cost / orders) if orders else 0.0,
                "margin_per_order": currency.round(margin / orders) if orders else 0.0,
            }
        return result

    # ------------------------------------------------------------ OSS threshold
    @api.model
    def _get_oss(self, today):
        """The EUR 10,000 distance-sales threshold: this year's sales (computed by
        oss_vat_invoice), the state and the date it is expected to be crossed
        at this year's pace (False when not this year)."""
        company = self.env.company
        if not self.env["account.move"].has_access("read"):
            return False
        current, previous = company._oss_distance_sales(today.year)
        threshold = company.oss_threshold
        state = company._oss_threshold_state(current, previous)
        expected = False
        if state != "exceeded" and current > 0:
            elapsed = (today - datetime.date(today.year, 1, 1)).days + 1
            per_day = current / elapsed
            crossing = today + datetime.timedelta(
                days=math.ceil((threshold - current) / per_day)
            )
            if crossing.year == today.year:
                expected = fields.Date.to_string(crossing)
        return {
            "current": company.currency_id.round(current),
            "previous": company.currency_id.round(previous),
            "threshold": threshold,
            "percent": round(100.0 * current / threshold, 1) if threshold else 0.0,
            "state": state,
            "opt_in": company.oss_opt_in,
            "expected_crossing": expected,
        }

    # ------------------------------------------------------------ stock coming
    @api.model
    def _incoming_domain(self, today):
        start = self._day_start(today)
        return [
            ("picking_code", "=", "incoming"),
            ("state", "not in", ("draft", "done", "cancel")),
            ("company_id", "in", self.env.companies.ids),
            ("date", "<", start + datetime.timedelta(days=7)),
        ]

    @api.model
    def _get_incoming(self, today):
        """Receipts expected in the next 7 days (late ones included): transfers,
        products and units."""
        if not self.env["stock.move"].has_access("read"):
            return False
        [(receipts, products, units)] = self.env["stock.move"]._read_group(
            self._incoming_domain(today),
            aggregates=[
                "picking_id:count_distinct",
                "product_id:count_distinct",
                "product_qty:sum",
            ],
        )
        return {"receipts": receipts, "products": products, "units": units or 0.0}

    # ------------------------------------------------------------ proof points
    @api.model
    def _proof_domains(self, today):
        year_start = self._day_start(datetime.date(today.year, 1, 1))
        companies = self.env.companies.ids
        return {
            "oversells_prevented": (
                "sale.order",
                [
                    ("company_id", "in", companies),
                    ("oms_oversell_prevented", "=", True),
                    ("date_order", ">=", year_start),
                ],
            ),
            "destination_vat_invoices": (
                "account.move",
                [
                    ("company_id", "in", companies),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("oss_vat_rule", "=", vd.OSS),
                    ("date", ">=", datetime.date(today.year, 1, 1)),
                ],
            ),
        }

    @api.model
    def _get_proof(self, today, counts=None):
        domains = self._proof_domains(today)
        if counts is None:
            counts = self._count_work_and_proof(today)
        return {key: counts[key] for key in domains if key in counts}

    # ------------------------------------------------------------ entry points
    @api.model
    def get_home_data(self):
        """Every figure of the OMS home, in a fixed number of queries whatever the
        number of orders or products (see ``scripts/bench``).

        :return: dict with ``work`` (today's work: counts, the oldest Letzshop
            order to decide against its deadline), ``sales`` (orders, revenue and
            average order per channel over 7/30/90 days, and orders per day),
            ``fulfillment`` (cost and margin per order), ``oss`` (distance-sales
            threshold and expected crossing date), ``incoming`` (this week's
            receipts), ``proof`` (oversells prevented, destination-VAT
            invoices this year), ``low_stock`` (first products running out),
            ``currency`` and ``show_all_apps``.
        """
        now = fields.Datetime.now()
        today = fields.Date.context_today(self)
        currency = self.env.company.currency_id
        low_stock = []
        if self.env["stock.demand.forecast"].has_access("read"):
            low_stock = self.env["product.product"].get_stockout_forecast(
                days=7, limit=5
            )
        rows = (
            self._read_orders(today)
            if self.env["sale.order"].has_access("read")
            else []
        )
        counts = self._count_work_and_proof(today)
        return {
            "work": self._get_work(now, counts),
            "sales": self._get_sales(today, rows),
            "fulfillment": self._get_fulfillment(today, rows),
            "oss": self._get_oss(today),
            "incoming": self._get_incoming(today),
            "proof": self._get_proof(today, counts),
            "low_stock": low_stock,
            "currency": {
                "symbol": currency.symbol,
                "position": currency.position,
                "digits": currency.decimal_places,
            },
            # a company without plan has no limit: nothing counted
            "plan_warning": self.env.company._oms_plan_warning(),
            "show_all_apps": self.env.user.oms_show_all_apps,
            "can_trim_apps": self.env.user._oms_allowed_root_menus(all_apps=False)
            is not None,
        }

    @api.model
    def action_open(self, key):
        """The list behind one number of the home."""
        today = fields.Date.context_today(self)
        names = {
            "to_decide": self.env._("Letzshop Orders to Decide"),
            "to_pick": self.env._("Orders to Pick"),
            "to_ship": self.env._("Orders to Ship"),
            "no_tracking": self.env._("Shipped without Tracking"),
            "late": self.env._("Late Orders"),
            "invoices_not_sent": self.env._("Invoices Not Sent"),
            "reorder": self.env._("Below Reorder Point"),
            "returns": self.env._("Returns to Inspect"),
            "oversold": self.env._("Oversold Products"),
            "incoming": self.env._("Incoming This Week"),
            "oversells_prevented": self.env._("Oversells Prevented"),
            "destination_vat_invoices": self.env._("Destination-VAT Invoices"),
        }
        domains = {**self._work_domains(), **self._proof_domains(today)}
        domains["oversold"] = (
            "product.product",
            [("id", "in", self._oversold_product_ids())],
        )
        domains["incoming"] = ("stock.move", self._incoming_domain(today))
        if key not in domains:
            raise UserError(
                self.env._("The OMS home has no figure named %(key)s.", key=key)
            )
        model, domain = domains[key]
        return {
            "type": "ir.actions.act_window",
            "name": names[key],
            "res_model": model,
            "domain": domain,
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
        }
