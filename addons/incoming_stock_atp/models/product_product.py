# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import format_date

from odoo.addons.stock.models.product import PY_OPERATORS

from .. import atp_projection

# Open stock moves: confirmed, waiting or reserved, not done, not cancelled.
# Draft moves (quotations, RFQs not confirmed) are not promises yet.
OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")
# Context keys the figures depend on.
ATP_CONTEXT_KEYS = (
    "warehouse_id",
    "search_warehouse",
    "atp_include_rfq",
    "tz",
    "allowed_company_ids",
)
# RFQs sent to the supplier (and those waiting for approval) count when asked.
RFQ_STATES = ("sent", "to approve")


class ProductProduct(models.Model):
    _inherit = "product.product"

    atp_on_hand = fields.Float(
        "In Stock",
        compute="_compute_atp_figures",
        digits="Product Unit",
        help="Units in the warehouse's stock locations, reserved ones included.",
    )
    atp_reserved = fields.Float(
        "Reserved",
        compute="_compute_atp_figures",
        digits="Product Unit",
        help="Units in stock already reserved for a delivery or a transfer.",
    )
    atp_free = fields.Float(
        "Available",
        compute="_compute_atp_figures",
        digits="Product Unit",
        help="Units in stock and not reserved.",
    )
    atp_unreserved_demand = fields.Float(
        "Promised, Not Reserved",
        compute="_compute_atp_figures",
        digits="Product Unit",
        help="Units of confirmed deliveries that are not reserved on stock yet.",
    )
    atp_incoming = fields.Float(
        "On Order",
        compute="_compute_atp_figures",
        digits="Product Unit",
        help="Units expected from confirmed purchase orders and other open "
        "receipts (and from RFQs sent to suppliers when asked).",
    )
    atp_next_arrival = fields.Date(
        "Next Arrival",
        compute="_compute_atp_figures",
        help="Expected date of the first open receipt.",
    )
    atp_qty_now = fields.Float(
        "Available to Promise Now",
        compute="_compute_atp_figures",
        digits="Product Unit",
        help="Units you can promise today without breaking a promise already "
        "made: the lowest stock level projected from today onwards.",
    )
    atp_qty = fields.Float(
        "Available to Promise",
        compute="_compute_atp_figures",
        search="_search_atp_qty",
        digits="Product Unit",
        help="Units you can promise for delivery once everything on order has "
        "arrived: the lowest stock level projected from the last expected "
        "receipt onwards.",
    )
    atp_summary = fields.Char(
        "Availability",
        compute="_compute_atp_figures",
        help="In stock, reserved, available, on order and available to promise, "
        "in one line.",
    )

    # ------------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------------

    @api.model
    def _atp_warehouse_ids(self, warehouse=None, companies=None):
        """Warehouses whose stock counts: ``warehouse`` when given, else the
        ``warehouse_id`` of the context, else every warehouse of ``companies``
        (default: the companies the user works in)."""
        if warehouse:
            return list(warehouse.ids)
        # ``warehouse_id`` from code, ``search_warehouse`` from the search panel
        # (an id or a name typed by the user).
        from_context = self.env.context.get("warehouse_id") or self.env.context.get(
            "search_warehouse"
        )
        if from_context:
            if isinstance(from_context, int):
                return [from_context]
            if isinstance(from_context, (list, tuple)) and all(
                isinstance(item, int) for item in from_context
            ):
                return list(from_context)
            if isinstance(from_context, str):
                return (
                    self.env["stock.warehouse"]
                    .search([("name", "ilike", from_context)])
                    .ids
                )
        companies = companies or self.env.companies
        return (
            self.env["stock.warehouse"]
            .search([("company_id", "in", companies.ids)])
            .ids
        )

    @api.model
    def _atp_tz(self):
        tz = self.env.context.get("tz") or self.env.user.tz
        return tz if tz in pytz.all_timezones_set else "UTC"

    @api.model
    def _atp_today(self):
        return fields.Date.context_today(self.with_context(tz=self._atp_tz()))

    # ------------------------------------------------------------------
    # SQL gathering (a fixed number of queries, whatever the number of products)
    # ------------------------------------------------------------------

    def _atp_flush(self):
        self.env["stock.quant"].flush_model(
            ["product_id", "location_id", "quantity", "reserved_quantity"]
        )
        self.env["stock.move"].flush_model(
            [
                "product_id",
                "location_id",
                "location_dest_id",
                "location_final_id",
                "move_dest_ids",
                "state",
                "date",
                "product_qty",
            ]
        )
        self.env["stock.location"].flush_model(["warehouse_id", "usage"])
        self.env["purchase.order.line"].flush_model(
            [
                "product_id",
                "order_id",
                "date_planned",
                "product_uom_qty",
                "display_type",
            ]
        )
        self.env["purchase.order"].flush_model(["state", "picking_type_id"])
        self.env["stock.picking.type"].flush_model(["warehouse_id"])

    def _atp_gather(self, warehouse_ids, include_rfq=False):
        """Stock and dated events of the products of ``self`` in ``warehouse_ids``.

        Quantities are in each product's unit of measure (``stock.quant.quantity``,
        ``stock.move.product_qty`` and ``purchase.order.line.product_uom_qty`` are).

        :return: ``(stock, events)`` where ``stock`` maps a product id to
            ``(on_hand, reserved)`` and ``events`` maps a product id to a list of
            ``(date, incoming, outgoing)`` sorted by date, days in the user's time
            zone.
        """
        stock = {}
        events = defaultdict(list)
        if not self.ids or not warehouse_ids:
            return stock, events
        self._atp_flush()
        cr = self.env.cr
        product_ids = list(self.ids)
        tz = self._atp_tz()
        cr.execute(
            SQL(
                """
                SELECT q.product_id,
                       SUM(q.quantity)::float8,
                       SUM(q.reserved_quantity)::float8
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE l.usage = 'internal'
                   AND l.warehouse_id = ANY(%(warehouses)s)
                   AND q.product_id = ANY(%(products)s)
                 GROUP BY q.product_id
                """,
                warehouses=warehouse_ids,
                products=product_ids,
            )
        )
        for product_id, quantity, reserved in cr.fetchall():
            stock[product_id] = (quantity or 0.0, reserved or 0.0)
        # A move counts when it crosses the warehouse boundary: into it
        # (receipt) or out of it (delivery). Moves inside it (put-away, pick,
        # pack) change nothing to what can be promised. Where a move is going
        # is its final destination when it has one: in multi-step deliveries
        # Odoo creates only the pick (stock -> output, final destination the
        # customer) until it is done, and the demand must count already. When
        # a chain is fully created (pull routes), only its last move out of the
        # warehouse and its first move into it count, not each step.
        cr.execute(
            SQL(
                """
                WITH crossing AS MATERIALIZED (
                    SELECT m.id, m.product_id, m.date, m.product_qty, src_in, dest_in
                      FROM stock_move m
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dest
                        ON dest.id = COALESCE(m.location_final_id, m.location_dest_id)
                     CROSS JOIN LATERAL (
                        SELECT COALESCE(src.warehouse_id = ANY(%(warehouses)s), FALSE)
                                   AS src_in,
                               COALESCE(dest.warehouse_id = ANY(%(warehouses)s), FALSE)
                                   AS dest_in
                        ) AS scope
                     WHERE m.state IN %(states)s
                       AND m.product_id = ANY(%(products)s)
                       AND src_in <> dest_in
                ), chained AS (
                    -- a receipt whose open previous step is already inside, or
                    -- already counted as coming in
                    SELECT c.id
                      FROM crossing c
                      JOIN stock_move_move_rel rel ON rel.move_dest_id = c.id
                      JOIN stock_move prev ON prev.id = rel.move_orig_id
                      JOIN stock_location prev_src ON prev_src.id = prev.location_id
                      JOIN stock_location prev_dest
                        ON prev_dest.id = COALESCE(prev.location_final_id,
                                                   prev.location_dest_id)
                     WHERE NOT c.src_in
                       AND prev.state IN %(states)s
                       AND (prev_src.warehouse_id = ANY(%(warehouses)s)
                            OR prev_dest.warehouse_id = ANY(%(warehouses)s))
                     UNION
                    -- a delivery whose open next step leaves from inside
                    SELECT c.id
                      FROM crossing c
                      JOIN stock_move_move_rel rel ON rel.move_orig_id = c.id
                      JOIN stock_move next ON next.id = rel.move_dest_id
                      JOIN stock_location next_src ON next_src.id = next.location_id
                     WHERE c.src_in
                       AND next.state IN %(states)s
                       AND next_src.warehouse_id = ANY(%(warehouses)s)
                )
                SELECT c.product_id,
                       (c.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
                       SUM(CASE WHEN c.dest_in THEN c.product_qty ELSE 0 END)::float8,
                       SUM(CASE WHEN c.src_in THEN c.product_qty ELSE 0 END)::float8
                  FROM crossing c
                 WHERE c.id NOT IN (SELECT id FROM chained)
                 GROUP BY c.product_id, day
                 ORDER BY c.product_id, day
                """,
                tz=tz,
                warehouses=warehouse_ids,
                states=OPEN_MOVE_STATES,
                products=product_ids,
            )
        )
        for product_id, day, incoming, outgoing in cr.fetchall():
            events[product_id].append((day, incoming or 0.0, outgoing or 0.0))
        if include_rfq:
            cr.execute(
                SQL(
                    """
                    SELECT pol.product_id,
                           (pol.date_planned AT TIME ZONE 'UTC'
                            AT TIME ZONE %(tz)s)::date,
                           SUM(pol.product_uom_qty)::float8
                      FROM purchase_order_line pol
                      JOIN purchase_order po ON po.id = pol.order_id
                      JOIN stock_picking_type pt ON pt.id = po.picking_type_id
                     WHERE po.state IN %(states)s
                       AND pol.display_type IS NULL
                       AND pt.warehouse_id = ANY(%(warehouses)s)
                       AND pol.product_id = ANY(%(products)s)
                     GROUP BY 1, 2
                    """,
                    tz=tz,
                    states=RFQ_STATES,
                    warehouses=warehouse_ids,
                    products=product_ids,
                )
            )
            touched = set()
            for product_id, day, quantity in cr.fetchall():
                events[product_id].append((day, quantity or 0.0, 0.0))
                touched.add(product_id)
            for product_id in touched:
                events[product_id].sort()
        return stock, events

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    def _get_atp_figures(self, warehouse=None, include_rfq=False):
        """Headline figures of many products at once (fixed number of queries).

        :return: dict ``{product id: {"on_hand", "reserved", "free",
            "unreserved_demand", "incoming", "outgoing", "next_arrival",
            "atp_now", "atp"}}``, quantities in each product's unit.
        """
        warehouse_ids = self._atp_warehouse_ids(warehouse)
        stock, events = self._atp_gather(warehouse_ids, include_rfq=include_rfq)
        today = self._atp_today()
        result = {}
        for product_id in self.ids:
            on_hand, reserved = stock.get(product_id, (0.0, 0.0))
            values = atp_projection.figures(on_hand, events.get(product_id, ()), today)
            values.update(
                on_hand=on_hand,
                reserved=reserved,
                free=on_hand - reserved,
                unreserved_demand=max(values["outgoing"] - reserved, 0.0),
            )
            result[product_id] = values
        return result

    @api.depends_context(*ATP_CONTEXT_KEYS, "lang")
    def _compute_atp_figures(self):
        products = self.filtered("id")
        figures = products._get_atp_figures(
            include_rfq=bool(self.env.context.get("atp_include_rfq"))
        )
        (self - products).update(
            {
                "atp_on_hand": 0.0,
                "atp_reserved": 0.0,
                "atp_free": 0.0,
                "atp_unreserved_demand": 0.0,
                "atp_incoming": 0.0,
                "atp_next_arrival": False,
                "atp_qty_now": 0.0,
                "atp_qty": 0.0,
                "atp_summary": False,
            }
        )
        for product in products:
            values = figures[product.id]
            product.atp_on_hand = values["on_hand"]
            product.atp_reserved = values["reserved"]
            product.atp_free = values["free"]
            product.atp_unreserved_demand = values["unreserved_demand"]
            product.atp_incoming = values["incoming"]
            product.atp_next_arrival = values["next_arrival"]
            product.atp_qty_now = values["atp_now"]
            product.atp_qty = values["atp"]
            product.atp_summary = product._atp_summary_text(values)

    def _atp_summary_text(self, values):
        """The figures in the seller's words, e.g. "In stock 5 · Reserved 2 ·
        Available 3 · On order 50 (arriving 15 Jan) · Available to promise 53"."""
        self.ensure_one()
        uom = self.uom_id

        def qty(value):
            return f"{uom.round(value):g}"

        parts = [
            self.env._("In stock %(qty)s", qty=qty(values["on_hand"])),
            self.env._("Reserved %(qty)s", qty=qty(values["reserved"])),
            self.env._("Available %(qty)s", qty=qty(values["free"])),
        ]
        if values["unreserved_demand"] > atp_projection.EPSILON:
            parts.append(
                self.env._(
                    "Promised, not reserved %(qty)s",
                    qty=qty(values["unreserved_demand"]),
                )
            )
        if values["incoming"] > atp_projection.EPSILON:
            parts.append(
                self.env._(
                    "On order %(qty)s (arriving %(date)s)",
                    qty=qty(values["incoming"]),
                    date=format_date(
                        self.env, values["next_arrival"], date_format="d MMM"
                    ),
                )
            )
        if uom.compare(values["atp_now"], values["atp"]) != 0:
            parts.append(
                self.env._(
                    "Available to promise %(qty)s (%(now)s now)",
                    qty=qty(values["atp"]),
                    now=qty(values["atp_now"]),
                )
            )
        else:
            parts.append(
                self.env._("Available to promise %(qty)s", qty=qty(values["atp"]))
            )
        return " · ".join(parts)

    @api.model
    def _search_atp_qty(self, operator, value):
        """Search on the ATP of every storable product in one pass of the bulk
        SQL (no per-product computation)."""
        if operator not in PY_OPERATORS:
            return NotImplemented
        products = self.search([("is_storable", "=", True)])
        figures = products._get_atp_figures(
            include_rfq=bool(self.env.context.get("atp_include_rfq"))
        )
        compare = PY_OPERATORS[operator]
        ids = [pid for pid, values in figures.items() if compare(values["atp"], value)]
        return [("id", "in", ids)]

    # ------------------------------------------------------------------
    # One product: timeline and "when can I ship N units?"
    # ------------------------------------------------------------------

    def _get_atp_timeline(self, warehouse=None, include_rfq=False):
        """Day-by-day projection of one product.

        :return: ``(on_hand, rows)`` where ``rows`` is a list of
            :class:`~..atp_projection.TimelineDay` starting today.
        """
        self.ensure_one()
        stock, events = self._atp_gather(
            self._atp_warehouse_ids(warehouse), include_rfq=include_rfq
        )
        on_hand = stock.get(self.id, (0.0, 0.0))[0]
        return on_hand, atp_projection.timeline(
            on_hand, events.get(self.id, ()), self._atp_today()
        )

    def _get_atp_earliest_date(self, quantity, warehouse=None, include_rfq=False):
        """Earliest day from which ``quantity`` (in the product's unit) more
        units can be promised, or ``None`` when the stock on order is not
        enough."""
        self.ensure_one()
        stock, events = self._atp_gather(
            self._atp_warehouse_ids(warehouse), include_rfq=include_rfq
        )
        return atp_projection.earliest_date(
            stock.get(self.id, (0.0, 0.0))[0],
            events.get(self.id, ()),
            quantity,
            self._atp_today(),
        )

    def action_open_atp_timeline(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Available to Promise: %(product)s", product=self.display_name
            ),
            "res_model": "incoming.stock.atp.timeline",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_product_id": self.id,
                "default_warehouse_id": self.env.context.get("warehouse_id")
                if isinstance(self.env.context.get("warehouse_id"), int)
                else False,
            },
        }
