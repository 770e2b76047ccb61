# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime
import json
import logging
import math
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL, float_round

from odoo.addons.incoming_stock_atp import atp_projection

from .. import demand_forecast as df

_logger = logging.getLogger(__name__)

DEMAND_CLASSES = [
    (df.SMOOTH, "Smooth"),
    (df.INTERMITTENT, "Intermittent"),
    (df.ERRATIC, "Erratic"),
    (df.LUMPY, "Lumpy"),
    (df.NO_DEMAND, "No Demand"),
]
METHODS = [
    (df.SES, "Exponential Smoothing"),
    (df.SBA, "Croston (SBA)"),
    (df.TSB, "TSB"),
]
LEAD_SOURCES = [
    ("product", "Receipts of This Product"),
    ("vendor", "Receipts from This Vendor"),
    ("vendor_delay", "Vendor Delivery Lead Time"),
    ("none", "No Vendor"),
]
# Days of channel history that give each channel's share of the demand.
CHANNEL_DAYS = 90
# Without costs for the economic order quantity, order this many days of demand.
FALLBACK_COVER_DAYS = 30
# Length of the seasonal peak looked for in last year's demand.
PEAK_DAYS = 28


class StockDemandForecast(models.Model):
    _name = "stock.demand.forecast"
    _description = "Demand Forecast and Reorder Suggestion"
    _order = "needs_order desc, stockout_date, id"
    _rec_name = "product_id"

    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, index=True, ondelete="cascade"
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    computed_on = fields.Datetime(readonly=True)
    history_days = fields.Integer(
        "Days of History",
        readonly=True,
        help="Days from the first delivery of the product (within the history "
        "window) to yesterday.",
    )
    demand_class = fields.Selection(
        DEMAND_CLASSES,
        readonly=True,
        help="Smooth: sells most days in steady quantities. Intermittent: sells "
        "on few days in steady quantities. Erratic: sells most days in very "
        "different quantities. Lumpy: few days, very different quantities.",
    )
    method = fields.Selection(
        METHODS,
        "Forecast Method",
        readonly=True,
        help="Exponential smoothing for smooth and erratic demand, Croston's "
        "method with the Syntetos-Boylan correction for intermittent demand, "
        "Teunter-Syntetos-Babai for lumpy demand.",
    )
    adi = fields.Float(
        "ADI",
        digits=(16, 2),
        readonly=True,
        help="Average demand interval: days of history per day with a delivery.",
    )
    cv2 = fields.Float(
        "CV²",
        digits=(16, 2),
        readonly=True,
        help="Squared coefficient of variation of the quantities delivered on "
        "days with a delivery.",
    )
    seasonal = fields.Boolean(
        readonly=True,
        help="A year or more of history shows a monthly pattern; the forecast "
        "follows it.",
    )
    average_daily_qty = fields.Float(
        "Average per Day (History)",
        digits="Product Unit",
        readonly=True,
        help="Average delivered per day over the history.",
    )
    demand_std = fields.Float(
        "Daily Variability",
        digits="Product Unit",
        readonly=True,
        help="Standard deviation of the quantity delivered per day.",
    )
    forecast_daily_qty = fields.Float(
        "Forecast per Day",
        digits="Product Unit",
        readonly=True,
        help="Average forecast demand per day over the lead time (or the next "
        "30 days when there is no lead time).",
    )
    forecast_horizon_qty = fields.Float(
        "Forecast over Horizon",
        digits="Product Unit",
        readonly=True,
        help="Forecast demand over the company's forecast horizon.",
    )
    forecast_values = fields.Json(
        "Daily Forecast", readonly=True, help="Forecast of each day, from today."
    )
    mae = fields.Float(
        "Forecast Error (MAE)",
        digits="Product Unit",
        readonly=True,
        help="Mean absolute error per day of the method over the last 28 days, "
        "fitted on the days before them.",
    )
    naive_mae = fields.Float(
        "Naive Error (MAE)",
        digits="Product Unit",
        readonly=True,
        help="The same error for the average of the 90 days before (what Odoo's "
        "replenishment report uses). Lower is better.",
    )
    accuracy_known = fields.Boolean(
        readonly=True, help="The history is long enough to measure the errors."
    )
    vendor_id = fields.Many2one("res.partner", readonly=True)
    lead_days = fields.Float(
        "Lead Time (Days)",
        digits=(16, 1),
        readonly=True,
        help="Average days from purchase order confirmation to receipt.",
    )
    lead_days_std = fields.Float(
        "Lead Time Variability (Days)",
        digits=(16, 1),
        readonly=True,
        help="Standard deviation of the observed lead times.",
    )
    lead_source = fields.Selection(
        LEAD_SOURCES,
        "Lead Time From",
        readonly=True,
        help="Where the lead time comes from: this product's past receipts, the "
        "vendor's past receipts of any product, or the lead time on the "
        "vendor's price line.",
    )
    service_level = fields.Float("Service Level (%)", readonly=True)
    safety_stock = fields.Float(
        digits="Product Unit",
        readonly=True,
        help="z × √(lead time × daily variability² + forecast per day² × lead "
        "time variability²).",
    )
    reorder_point = fields.Float(
        "Suggested Min",
        digits="Product Unit",
        readonly=True,
        help="Reorder point: forecast demand over the lead time plus the safety stock.",
    )
    order_qty = fields.Float(
        "Suggested Order Quantity",
        digits="Product Unit",
        readonly=True,
        help="Economic order quantity, rounded up to the vendor's unit of "
        "purchase and minimum quantity.",
    )
    max_qty = fields.Float(
        "Suggested Max",
        digits="Product Unit",
        readonly=True,
        help="Reorder point plus the order quantity.",
    )
    on_hand_qty = fields.Float("In Stock", digits="Product Unit", readonly=True)
    atp_qty = fields.Float(
        "Available to Promise",
        digits="Product Unit",
        readonly=True,
        help="Units still free once everything on order has arrived, promised "
        "deliveries deducted.",
    )
    position_qty = fields.Float(
        "Stock Position",
        digits="Product Unit",
        readonly=True,
        help="In stock plus on order minus promised to customers.",
    )
    needs_order = fields.Boolean(
        "Reorder Now",
        readonly=True,
        help="The stock position is at or below the suggested minimum.",
    )
    stockout_date = fields.Date(
        "Runs Out On",
        readonly=True,
        help="Day the stock is expected to run out: stock plus receipts minus "
        "promised deliveries minus forecast demand. Empty: lasts beyond the "
        "horizon.",
    )
    days_of_cover = fields.Integer(
        "Days Left", readonly=True, help="Days until the stock runs out."
    )
    peak_start_date = fields.Date(
        "Next Peak Starts",
        readonly=True,
        help="Start of the four weeks that sold most last year, moved to this year.",
    )
    peak_last_year_qty = fields.Float(
        "Sold in Peak Last Year",
        digits="Product Unit",
        readonly=True,
        help="Units delivered in those four weeks last year.",
    )
    peak_shortfall_qty = fields.Float(
        "Missing for the Peak",
        digits="Product Unit",
        readonly=True,
        help="Last year's peak sales minus today's stock position (0 when covered).",
    )
    reason = fields.Char(
        "Why",
        readonly=True,
        help="Class, method, forecast, lead time and safety stock in one line.",
    )
    channel_ids = fields.One2many(
        "stock.demand.channel.forecast", "forecast_id", "Sales Channels"
    )

    _product_warehouse_unique = models.Constraint(
        "UNIQUE(product_id, warehouse_id)",
        "There is one demand forecast per product and warehouse.",
    )
    _company_needs_order_index = models.Index("(company_id, needs_order)")

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------

    @api.model
    def _check_accept_rights(self):
        """Buyers (purchase users) and inventory administrators accept
        suggestions; everybody else may only read them."""
        user = self.env.user
        if not (
            user.has_group("purchase.group_purchase_user")
            or user.has_group("stock.group_stock_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only purchase users and inventory administrators can accept "
                    "reorder suggestions (user %(user)s).",
                    user=user.display_name,
                )
            )

    def action_accept(self):
        """Write the suggested min and max on the product's reordering rule of
        the warehouse, creating a manual rule when there is none."""
        self._check_accept_rights()
        self.check_access("read")
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        existing = {
            (op.product_id.id, op.warehouse_id.id): op
            for op in Orderpoint.search(
                [
                    ("product_id", "in", self.product_id.ids),
                    ("warehouse_id", "in", self.warehouse_id.ids),
                ]
            )
        }
        orderpoints = Orderpoint
        for forecast in self:
            orderpoint = existing.get(
                (forecast.product_id.id, forecast.warehouse_id.id)
            )
            if not orderpoint:
                # sudo: purchase users may read reordering rules only (core
                # access rights); accepting may create this one, checked above.
                orderpoint = Orderpoint.sudo().create(
                    {
                        "product_id": forecast.product_id.id,
                        "warehouse_id": forecast.warehouse_id.id,
                        "location_id": forecast.warehouse_id.lot_stock_id.id,
                        "company_id": forecast.company_id.id,
                        "trigger": "manual",
                        "product_min_qty": 0.0,
                        "product_max_qty": 0.0,
                    }
                )
            orderpoints |= orderpoint
        return orderpoints.with_env(self.env).action_accept_demand_forecast()

    def action_open_orderpoints(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "stock.action_orderpoint_replenish"
        )
        action["domain"] = [
            ("product_id", "in", self.product_id.ids),
            ("warehouse_id", "in", self.warehouse_id.ids),
        ]
        action["context"] = {"search_default_filter_to_reorder": 0}
        return action

    # ------------------------------------------------------------------
    # Computation (cron)
    # ------------------------------------------------------------------

    @api.model
    def _cron_compute(self):
        # sudo: the scheduler computes the forecasts of every company.
        # every company with a warehouse
        groups = self.env["stock.warehouse"].sudo()._read_group([], ["company_id"])
        for (company,) in groups:
            self.sudo().with_company(company)._compute_company(company)
            self.env["ir.cron"]._commit_progress(processed=1)

    @api.model
    def action_compute_now(self):
        """Recompute the forecasts of the current company (button)."""
        self._check_accept_rights()
        # sudo: forecasts are read-only to users; the computation writes them.
        self.sudo()._compute_company(self.env.company)
        return {
            "type": "ir.actions.client",
            "tag": "soft_reload",
        }

    @api.model
    def _company_today(self, company):
        tz = company.partner_id.tz or self.env.user.tz or "UTC"
        if tz not in pytz.all_timezones_set:
            tz = "UTC"
        return datetime.datetime.now(pytz.timezone(tz)).date(), tz

    @api.model
    def _utc_start_of(self, day, tz):
        local = pytz.timezone(tz).localize(
            datetime.datetime.combine(day, datetime.time.min)
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _flush_sources(self):
        self.env["stock.move"].flush_model(
            [
                "product_id",
                "location_id",
                "location_dest_id",
                "state",
                "date",
                "product_qty",
                "company_id",
                "sale_line_id",
                "purchase_line_id",
            ]
        )
        self.env["stock.location"].flush_model(["warehouse_id", "usage"])
        self.env["sale.order.line"].flush_model(["order_id"])
        self.env["sale.order"].flush_model(["team_id"])
        self.env["purchase.order.line"].flush_model(["order_id"])
        self.env["purchase.order"].flush_model(["partner_id", "date_approve"])
        self.env["product.supplierinfo"].flush_model()

    @api.model
    def _extract_demand(self, company, start, today, tz):
        """Daily demand of every product and warehouse in one query.

        Demand is what left a warehouse of ``company`` for a customer in done
        moves (every sales channel; in multi-step deliveries only the last step
        reaches the customer), per day in the company's time zone.

        :return: ``{(warehouse id, product id): (day offsets, quantities)}``,
            offsets from ``start``, sorted
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT warehouse_id, product_id,
                       array_agg(day - %(start)s ORDER BY day),
                       array_agg(qty ORDER BY day)
                  FROM (
                    SELECT src.warehouse_id, m.product_id,
                           (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
                           SUM(m.product_qty)::float8 AS qty
                      FROM stock_move m
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dest ON dest.id = m.location_dest_id
                      JOIN product_product pp ON pp.id = m.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE m.state = 'done'
                       AND m.company_id = %(company)s
                       AND dest.usage = 'customer'
                       AND src.warehouse_id IS NOT NULL
                       AND pp.active AND pt.is_storable
                       AND m.date >= %(start_utc)s
                       AND m.date < %(end_utc)s
                     GROUP BY 1, 2, 3
                  ) AS daily
                 GROUP BY warehouse_id, product_id
                """,
                start=start,
                tz=tz,
                company=company.id,
                start_utc=self._utc_start_of(start, tz),
                end_utc=self._utc_start_of(today, tz),
            )
        )
        return {(row[0], row[1]): (row[2], row[3]) for row in self.env.cr.fetchall()}

    @api.model
    def _extract_channel_demand(self, company, today, tz):
        """Units delivered per warehouse, product and sales channel over the
        last ``CHANNEL_DAYS`` days (channel: the sale order's sales team)."""
        start = today - datetime.timedelta(days=CHANNEL_DAYS)
        self.env.cr.execute(
            SQL(
                """
                SELECT src.warehouse_id, m.product_id, so.team_id,
                       SUM(m.product_qty)::float8
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  JOIN sale_order_line sol ON sol.id = m.sale_line_id
                  JOIN sale_order so ON so.id = sol.order_id
                 WHERE m.state = 'done'
                   AND m.company_id = %(company)s
                   AND dest.usage = 'customer'
                   AND src.warehouse_id IS NOT NULL
                   AND so.team_id IS NOT NULL
                   AND m.date >= %(start_utc)s
                   AND m.date < %(end_utc)s
                 GROUP BY 1, 2, 3
                """,
                company=company.id,
                start_utc=self._utc_start_of(start, tz),
                end_utc=self._utc_start_of(today, tz),
            )
        )
        result = defaultdict(dict)
        for warehouse_id, product_id, team_id, qty in self.env.cr.fetchall():
            result[warehouse_id, product_id][team_id] = qty
        return result

    @api.model
    def _extract_lead_times(self, company, start, product_ids):
        """Observed purchase lead times (order confirmation to receipt, days).

        :return: ``(by_product, by_vendor)``: ``{(vendor, product): (mean,
            std)}`` and ``{vendor: (mean, std)}``
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT po.partner_id, m.product_id,
                       AVG(EXTRACT(EPOCH FROM m.date - po.date_approve) / 86400.0),
                       COALESCE(STDDEV_SAMP(
                           EXTRACT(EPOCH FROM m.date - po.date_approve) / 86400.0), 0)
                  FROM stock_move m
                  JOIN purchase_order_line pol ON pol.id = m.purchase_line_id
                  JOIN purchase_order po ON po.id = pol.order_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                 WHERE m.state = 'done'
                   AND m.company_id = %(company)s
                   AND dest.usage = 'internal'
                   AND po.date_approve IS NOT NULL
                   AND m.date >= po.date_approve
                   AND m.date >= %(start)s
                 GROUP BY GROUPING SETS ((po.partner_id, m.product_id),
                                         (po.partner_id))
                """,
                company=company.id,
                start=datetime.datetime.combine(start, datetime.time.min),
            )
        )
        by_product, by_vendor = {}, {}
        wanted = set(product_ids)
        for vendor_id, product_id, mean, std in self.env.cr.fetchall():
            if product_id is None:
                by_vendor[vendor_id] = (float(mean), float(std))
            elif product_id in wanted:
                by_product[vendor_id, product_id] = (float(mean), float(std))
        return by_product, by_vendor

    @api.model
    def _main_vendors(self, company, product_ids, today):
        """The vendor Odoo would buy each product from first (sequence, then
        minimum quantity, then price), with its lead time, minimum and unit.

        :return: ``{product id: (vendor id, delay, min_qty, uom id, price)}``
        """
        if not product_ids:
            return {}
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (pp.id)
                       pp.id, si.partner_id, si.delay, si.min_qty,
                       si.product_uom_id, si.price
                  FROM product_product pp
                  JOIN product_supplierinfo si
                    ON si.product_tmpl_id = pp.product_tmpl_id
                   AND (si.product_id IS NULL OR si.product_id = pp.id)
                 WHERE pp.id = ANY(%(products)s)
                   AND (si.company_id IS NULL OR si.company_id = %(company)s)
                   AND (si.date_start IS NULL OR si.date_start <= %(today)s)
                   AND (si.date_end IS NULL OR si.date_end >= %(today)s)
                 ORDER BY pp.id, si.sequence, si.min_qty, si.price, si.id
                """,
                products=list(product_ids),
                company=company.id,
                today=today,
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def _compute_company(self, company):
        """Forecast and suggest for every product delivered from a warehouse of
        ``company``: one SQL extraction of the demand, a few set-based queries
        for lead times, vendors and stock, pure Python for the rest."""
        self._flush_sources()
        today, tz = self._company_today(company)
        history = company.demand_history_days
        horizon = company.demand_horizon_days
        service = company.demand_service_level / 100.0
        start = today - datetime.timedelta(days=history)
        demand = self._extract_demand(company, start, today, tz)
        channel_demand = self._extract_channel_demand(company, today, tz)
        product_ids = {product_id for _wh, product_id in demand}
        lead_by_product, lead_by_vendor = self._extract_lead_times(
            company, start, product_ids
        )
        vendors = self._main_vendors(company, product_ids, today)
        products = self.env["product.product"].browse(sorted(product_ids))
        products.fetch(["uom_id", "standard_price"])
        uoms = {}  # (purchase uom, product uom) -> factor
        # Calendar of the history window and of the horizon, shared by all.
        all_months = [
            (start + datetime.timedelta(days=i)).month for i in range(history)
        ]
        future_months = [
            (today + datetime.timedelta(days=i)).month for i in range(horizon)
        ]
        by_warehouse = defaultdict(list)
        for warehouse_id, product_id in demand:
            by_warehouse[warehouse_id].append(product_id)
        now = fields.Datetime.now()
        unit = self.env.ref("uom.product_uom_unit")
        labels = (
            dict(self._fields["demand_class"]._description_selection(self.env)),
            dict(self._fields["method"]._description_selection(self.env)),
        )
        vals_list = []
        channel_rows = []
        for warehouse_id, warehouse_product_ids in by_warehouse.items():
            stock, events = (
                self.env["product.product"]
                .browse(warehouse_product_ids)
                .with_context(tz=tz)
                ._atp_gather([warehouse_id])
            )
            for product_id in warehouse_product_ids:
                product = products.browse(product_id)
                offsets, quantities = demand[warehouse_id, product_id]
                first = offsets[0]
                series = [0.0] * (history - first)
                for offset, qty in zip(offsets, quantities, strict=True):
                    series[offset - first] = qty
                result = df.forecast(
                    series, months=all_months[first:], future_months=future_months
                )
                vendor = vendors.get(product_id)
                vendor_id = vendor[0] if vendor else False
                lead, lead_std, lead_source = self._lead_time(
                    vendor, product_id, lead_by_product, lead_by_vendor
                )
                daily = result["daily"]
                # Whole units for products counted in units (as Odoo's own
                # replenishment rounds), the unit's rounding otherwise.
                rounding = (
                    1.0
                    if product.uom_id._has_common_reference(unit)
                    else product.uom_id.rounding
                )
                lead_demand = df.demand_over(daily, lead)
                safety = df.safety_stock(
                    service,
                    result["std"],
                    lead,
                    demand_mean=(lead_demand / lead) if lead else 0.0,
                    lead_std=lead_std,
                )
                reorder_point = float_round(
                    lead_demand + safety,
                    precision_rounding=rounding,
                    rounding_method="UP",
                )
                multiple, minimum = self._purchase_multiple(vendor, product, uoms)
                cost = product.standard_price or (vendor[4] if vendor else 0.0)
                annual = df.demand_over(daily, 365)
                quantity = df.eoq(
                    annual,
                    company.demand_order_cost,
                    cost * company.demand_holding_rate / 100.0,
                )
                if not quantity:
                    quantity = df.demand_over(daily, FALLBACK_COVER_DAYS)
                order_qty = float_round(
                    df.round_order_qty(quantity, multiple, minimum),
                    precision_rounding=rounding,
                    rounding_method="UP",
                )
                on_hand = stock.get(product_id, (0.0, 0.0))[0]
                product_events = events.get(product_id, ())
                atp = atp_projection.figures(on_hand, product_events, today)["atp"]
                position = on_hand + math.fsum(
                    incoming - outgoing for _day, incoming, outgoing in product_events
                )
                stockout = df.stockout_offset(
                    on_hand,
                    [
                        ((day - today).days, incoming, outgoing)
                        for day, incoming, outgoing in product_events
                    ],
                    daily,
                )
                peak = self._last_year_peak(series, today)
                cover_days = lead if lead >= 1 else FALLBACK_COVER_DAYS
                vals = {
                    "product_id": product_id,
                    "warehouse_id": warehouse_id,
                    "company_id": company.id,
                    "computed_on": now,
                    "history_days": len(series),
                    "demand_class": result["demand_class"],
                    "method": result["method"],
                    "adi": result["adi"] or 0.0,
                    "cv2": result["cv2"] or 0.0,
                    "seasonal": bool(result["seasonal"]),
                    "average_daily_qty": result["mean"],
                    "demand_std": result["std"],
                    "forecast_daily_qty": df.demand_over(daily, cover_days)
                    / cover_days,
                    "forecast_horizon_qty": math.fsum(daily),
                    "forecast_values": [round(value, 4) for value in daily],
                    "mae": result["mae"] or 0.0,
                    "naive_mae": result["naive_mae"] or 0.0,
                    "accuracy_known": result["mae"] is not None,
                    "vendor_id": vendor_id,
                    "lead_days": lead,
                    "lead_days_std": lead_std,
                    "lead_source": lead_source,
                    "service_level": company.demand_service_level,
                    "safety_stock": float_round(
                        safety, precision_rounding=product.uom_id.rounding
                    ),
                    "reorder_point": reorder_point,
                    "order_qty": order_qty,
                    "max_qty": reorder_point + order_qty,
                    "on_hand_qty": on_hand,
                    "atp_qty": atp,
                    "position_qty": position,
                    "needs_order": bool(
                        result["demand_class"] != df.NO_DEMAND
                        and position <= reorder_point
                    ),
                    "stockout_date": (
                        today + datetime.timedelta(days=stockout)
                        if stockout is not None
                        else False
                    ),
                    "days_of_cover": stockout if stockout is not None else horizon,
                    "peak_start_date": peak[0] if peak else False,
                    "peak_last_year_qty": peak[1] if peak else 0.0,
                    "peak_shortfall_qty": max(peak[1] - position, 0.0) if peak else 0.0,
                }
                vals["reason"] = self._reason(vals, product, labels)
                vals_list.append(vals)
                shares = channel_demand.get((warehouse_id, product_id))
                if shares:
                    channel_rows.append(
                        (product_id, warehouse_id, shares, cover_days, atp)
                    )
        self._store(company, vals_list, channel_rows)
        self._create_manual_orderpoints(company)
        _logger.info("Demand forecast of %s: %d products", company.name, len(vals_list))
        return len(vals_list)

    @api.model
    def _lead_time(self, vendor, product_id, lead_by_product, lead_by_vendor):
        if not vendor:
            return 0.0, 0.0, "none"
        vendor_id = vendor[0]
        if (vendor_id, product_id) in lead_by_product:
            mean, std = lead_by_product[vendor_id, product_id]
            return mean, std, "product"
        if vendor_id in lead_by_vendor:
            mean, std = lead_by_vendor[vendor_id]
            return mean, std, "vendor"
        return float(vendor[1] or 0), 0.0, "vendor_delay"

    @api.model
    def _purchase_multiple(self, vendor, product, cache):
        """The vendor's unit of purchase and minimum, in the product's unit."""
        if not vendor:
            return 0.0, 0.0
        _partner, _delay, min_qty, uom_id, _price = vendor
        if not uom_id or uom_id == product.uom_id.id:
            return 0.0, min_qty or 0.0
        key = (uom_id, product.uom_id.id)
        if key not in cache:
            cache[key] = (
                self.env["uom.uom"]
                .browse(uom_id)
                ._compute_quantity(1.0, product.uom_id, round=False)
            )
        factor = cache[key]
        return factor, (min_qty or 0.0) * factor

    @api.model
    def _last_year_peak(self, series, today):
        """The ``PEAK_DAYS`` days of last year that sold most.

        :return: ``(start this year, units sold then)`` or ``None`` without a
            year of history or sales
        """
        if len(series) < 365:
            return None
        last_year = series[-365:]
        window = math.fsum(last_year[:PEAK_DAYS])
        best, best_start = window, 0
        for index in range(PEAK_DAYS, 365):
            window += last_year[index] - last_year[index - PEAK_DAYS]
            if window > best + 1e-9:
                best, best_start = window, index - PEAK_DAYS + 1
        if best <= 0:
            return None
        # Day ``best_start`` of the last 365 days, one year later.
        start = (
            today
            - datetime.timedelta(days=365 - best_start)
            + datetime.timedelta(days=365)
        )
        return start, best

    @api.model
    def _reason(self, vals, product, labels):
        classes, methods = labels
        unit = product.uom_id.name
        if vals["demand_class"] == df.NO_DEMAND:
            return classes[df.NO_DEMAND]
        parts = [
            self.env._(
                "%(cls)s (ADI %(adi).2f, CV² %(cv2).2f), %(method)s%(seasonal)s",
                cls=classes[vals["demand_class"]],
                adi=vals["adi"],
                cv2=vals["cv2"],
                method=methods[vals["method"]],
                seasonal=self.env._(", seasonal") if vals["seasonal"] else "",
            ),
            self.env._(
                "forecast %(qty).2f %(unit)s/day",
                qty=vals["forecast_daily_qty"],
                unit=unit,
            ),
        ]
        if vals["accuracy_known"]:
            parts.append(
                self.env._(
                    "error %(mae).2f vs naive %(naive).2f",
                    mae=vals["mae"],
                    naive=vals["naive_mae"],
                )
            )
        parts.append(
            self.env._(
                "lead time %(lead).1f ± %(std).1f days",
                lead=vals["lead_days"],
                std=vals["lead_days_std"],
            )
        )
        parts.append(
            self.env._(
                "safety stock %(ss).1f at %(level)s %%",
                ss=vals["safety_stock"],
                level=f"{vals['service_level']:g}",
            )
        )
        return " · ".join(parts)

    # Stored columns written by the computation, with their SQL types.
    _STORE_COLUMNS = (
        ("product_id", "int"),
        ("warehouse_id", "int"),
        ("company_id", "int"),
        ("computed_on", "timestamp"),
        ("history_days", "int"),
        ("demand_class", "varchar"),
        ("method", "varchar"),
        ("adi", "float8"),
        ("cv2", "float8"),
        ("seasonal", "bool"),
        ("average_daily_qty", "float8"),
        ("demand_std", "float8"),
        ("forecast_daily_qty", "float8"),
        ("forecast_horizon_qty", "float8"),
        ("forecast_values", "jsonb"),
        ("mae", "float8"),
        ("naive_mae", "float8"),
        ("accuracy_known", "bool"),
        ("vendor_id", "int"),
        ("lead_days", "float8"),
        ("lead_days_std", "float8"),
        ("lead_source", "varchar"),
        ("service_level", "float8"),
        ("safety_stock", "float8"),
        ("reorder_point", "float8"),
        ("order_qty", "float8"),
        ("max_qty", "float8"),
        ("on_hand_qty", "float8"),
        ("atp_qty", "float8"),
        ("position_qty", "float8"),
        ("needs_order", "bool"),
        ("stockout_date", "date"),
        ("days_of_cover", "int"),
        ("peak_start_date", "date"),
        ("peak_last_year_qty", "float8"),
        ("peak_shortfall_qty", "float8"),
        ("reason", "varchar"),
    )

    @api.model
    def _store(self, company, vals_list, channel_rows):
        """Replace the company's forecasts (and channel rows) by ``vals_list``
        in a few set-based queries: rows are upserted on (product, warehouse)
        so that their ids stay, rows no longer forecast are deleted."""
        self.flush_model()
        self.env["stock.demand.channel.forecast"].flush_model()
        cr = self.env.cr
        names = [name for name, _type in self._STORE_COLUMNS]
        columns = SQL(", ").join(SQL.identifier(name) for name in names)
        record = SQL(", ").join(
            SQL("%s %s", SQL.identifier(name), SQL(sql_type))
            for name, sql_type in self._STORE_COLUMNS
        )
        updates = SQL(", ").join(
            SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name))
            for name in names
        )
        rows = [
            {
                **vals,
                "computed_on": fields.Datetime.to_string(vals["computed_on"]),
                "stockout_date": fields.Date.to_string(vals["stockout_date"]) or None,
                "peak_start_date": (
                    fields.Date.to_string(vals["peak_start_date"]) or None
                ),
                "vendor_id": vals["vendor_id"] or None,
            }
            for vals in vals_list
        ]
        by_key = {}
        if rows:
            cr.execute(
                SQL(
                    """
                    INSERT INTO stock_demand_forecast (%(columns)s, create_uid,
                                                       write_uid, create_date,
                                                       write_date)
                    SELECT %(columns)s, %(uid)s, %(uid)s, %(now)s, %(now)s
                      FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(%(record)s)
                    ON CONFLICT (product_id, warehouse_id) DO UPDATE
                       SET %(updates)s, write_uid = %(uid)s, write_date = %(now)s
                    RETURNING id, product_id, warehouse_id
                    """,
                    columns=columns,
                    record=record,
                    updates=updates,
                    uid=self.env.uid,
                    now=fields.Datetime.now(),
                    rows=json.dumps(rows),
                )
            )
            by_key = {(row[1], row[2]): row[0] for row in cr.fetchall()}
        cr.execute(
            SQL(
                "DELETE FROM stock_demand_forecast WHERE company_id = %s "
                "AND NOT (id = ANY(%s))",
                company.id,
                list(by_key.values()),
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM stock_demand_channel_forecast WHERE company_id = %s",
                company.id,
            )
        )
        daily_by_key = {
            (vals["product_id"], vals["warehouse_id"]): vals["forecast_daily_qty"]
            for vals in vals_list
        }
        channel_vals = []
        for product_id, warehouse_id, shares, cover_days, atp in channel_rows:
            daily = daily_by_key[product_id, warehouse_id]
            total = math.fsum(shares.values())
            demand_by_team = {
                team_id: daily * cover_days * qty / total
                for team_id, qty in shares.items()
            }
            for team_id, (share, buffer) in df.channel_buffers(
                atp, demand_by_team
            ).items():
                channel_vals.append(
                    {
                        "forecast_id": by_key[product_id, warehouse_id],
                        "product_id": product_id,
                        "warehouse_id": warehouse_id,
                        "company_id": company.id,
                        "team_id": team_id,
                        "share": share * 100.0,
                        "forecast_daily_qty": daily * share,
                        "cover_demand_qty": demand_by_team[team_id],
                        "buffer_qty": buffer,
                        "publishable_qty": max(atp - buffer, 0.0),
                    }
                )
        if channel_vals:
            cr.execute(
                SQL(
                    """
                    INSERT INTO stock_demand_channel_forecast (
                        forecast_id, product_id, warehouse_id, company_id, team_id,
                        share, forecast_daily_qty, cover_demand_qty, buffer_qty,
                        publishable_qty, create_uid, write_uid, create_date,
                        write_date)
                    SELECT forecast_id, product_id, warehouse_id, company_id,
                           team_id, share, forecast_daily_qty, cover_demand_qty,
                           buffer_qty, publishable_qty, %(uid)s, %(uid)s, %(now)s,
                           %(now)s
                      FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(
                        forecast_id int, product_id int, warehouse_id int,
                        company_id int, team_id int, share float8,
                        forecast_daily_qty float8, cover_demand_qty float8,
                        buffer_qty float8, publishable_qty float8)
                    """,
                    uid=self.env.uid,
                    now=fields.Datetime.now(),
                    rows=json.dumps(channel_vals),
                )
            )
        self.invalidate_model()
        self.env["stock.demand.channel.forecast"].invalidate_model()
        return self.browse(list(by_key.values()))

    @api.model
    def _create_manual_orderpoints(self, company):
        """A manual reordering rule for each product to reorder that has none
        in its warehouse, its "To Order" set to the suggestion: the buyer sees
        it in Replenishment and orders, edits or snoozes it. Min and max stay 0
        (nothing orders by itself) until the buyer accepts the suggestion."""
        to_order = self.search(
            [("company_id", "=", company.id), ("needs_order", "=", True)]
        )
        if not to_order:
            return
        Orderpoint = self.env["stock.warehouse.orderpoint"].with_context(
            active_test=False
        )
        covered = {
            (op.product_id.id, op.warehouse_id.id)
            for op in Orderpoint.search(
                [
                    ("product_id", "in", to_order.product_id.ids),
                    ("company_id", "=", company.id),
                ]
            )
        }
        vals_list = []
        for forecast in to_order:
            if (forecast.product_id.id, forecast.warehouse_id.id) in covered:
                continue
            quantity = max(forecast.max_qty - forecast.position_qty, 0.0)
            if not quantity:
                continue
            vals_list.append(
                {
                    "product_id": forecast.product_id.id,
                    "warehouse_id": forecast.warehouse_id.id,
                    "location_id": forecast.warehouse_id.lot_stock_id.id,
                    "company_id": company.id,
                    "trigger": "manual",
                    "product_min_qty": 0.0,
                    "product_max_qty": 0.0,
                    "qty_to_order_manual": quantity,
                }
            )
        if vals_list:
            Orderpoint.create(vals_list)

    # ------------------------------------------------------------------
    # Stock-out digest
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_digest(self):
        # sudo: the scheduler mails each company's digest to its recipients.
        for company in (
            self.env["res.company"]
            .sudo()
            .search([("demand_digest_user_ids", "!=", False)])
        ):
            self.sudo().with_company(company)._send_digest(company)

    @api.model
    def _send_digest(self, company, limit=50):
        """E-mail the products to reorder (and when they run out) to the
        company's digest recipients. Returns the ``mail.mail`` created."""
        rows = self.search(
            [("company_id", "=", company.id), ("needs_order", "=", True)],
            order="stockout_date asc nulls last, id",
            limit=limit,
        )
        mails = self.env["mail.mail"]
        if not rows:
            return mails
        for user in company.demand_digest_user_ids:
            partner = user.partner_id
            if not partner.email:
                continue
            lang = partner.lang or self.env.lang
            records = rows.with_context(lang=lang)
            body = (
                self.env["ir.qweb"]
                .with_context(lang=lang)
                ._render(
                    "stock_demand_forecast.stockout_digest_body",
                    {"rows": records, "company": company, "lang": lang},
                )
            )
            subject = self.with_context(lang=lang).env._(
                "%(company)s: %(count)s products to reorder",
                company=company.name,
                count=len(rows),
            )
            mails |= mails.create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": company.email_formatted
                    or self.env.user.email_formatted,
                    "recipient_ids": [(4, partner.id)],
                    "auto_delete": True,
                }
            )
        return mails
