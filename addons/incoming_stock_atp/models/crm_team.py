# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .. import atp_projection
from .product_product import OPEN_MOVE_STATES, RFQ_STATES

# Changing one of these changes every product's publishable quantity.
ATP_SETTINGS_FIELDS = (
    "atp_warehouse_id",
    "atp_buffer_type",
    "atp_buffer_qty",
    "atp_count_incoming",
    "atp_incoming_days",
    "atp_include_rfq",
)


class CrmTeam(models.Model):
    _inherit = "crm.team"

    atp_warehouse_id = fields.Many2one(
        "stock.warehouse",
        "Stock From Warehouse",
        domain="[('company_id', 'in', [company_id or current_company_id])]",
        help="Warehouse whose stock this channel sells. Empty: every warehouse "
        "of the channel's company.",
    )
    atp_buffer_type = fields.Selection(
        [
            (atp_projection.BUFFER_UNITS, "Units"),
            (atp_projection.BUFFER_PERCENT, "Percentage"),
        ],
        "Buffer Type",
        default=atp_projection.BUFFER_UNITS,
        required=True,
        help="Hold back a number of units, or a percentage of what is available, "
        "so that this channel does not sell the last units twice between two "
        "stock updates.",
    )
    atp_buffer_qty = fields.Float(
        "Buffer",
        digits="Product Unit",
        help="Units (or percentage) held back from what this channel may sell.",
    )
    atp_count_incoming = fields.Boolean(
        "Count Incoming Stock",
        help="Let this channel sell units on order that arrive within the number "
        "of days below; they ship when they arrive.",
    )
    atp_incoming_days = fields.Integer(
        "Arriving Within (Days)",
        default=7,
        help="Receipts expected within this many days count as available for this "
        "channel.",
    )
    atp_include_rfq = fields.Boolean(
        "Count RFQs Sent to Suppliers",
        help="Also count requests for quotation already sent to the supplier, at "
        "their expected date, as incoming stock.",
    )
    atp_settings_date = fields.Datetime(
        "Availability Settings Changed On",
        readonly=True,
        copy=False,
        help="Last change of the channel's stock settings: every product's "
        "publishable quantity may have changed then.",
    )

    _atp_buffer_qty_positive = models.Constraint(
        "CHECK(atp_buffer_qty >= 0)",
        "The buffer of a sales channel cannot be negative.",
    )
    _atp_incoming_days_positive = models.Constraint(
        "CHECK(atp_incoming_days >= 0)",
        "The number of days for incoming stock cannot be negative.",
    )

    @api.constrains("atp_buffer_type", "atp_buffer_qty")
    def _check_atp_buffer_percent(self):
        for team in self:
            if (
                team.atp_buffer_type == atp_projection.BUFFER_PERCENT
                and team.atp_buffer_qty > 100
            ):
                raise ValidationError(
                    self.env._(
                        "Sales channel %(team)s: the buffer (field Buffer) is a "
                        "percentage and cannot exceed 100.",
                        team=team.display_name,
                    )
                )

    @api.constrains("atp_warehouse_id", "company_id")
    def _check_atp_warehouse_company(self):
        for team in self:
            if (
                team.atp_warehouse_id
                and team.company_id
                and team.atp_warehouse_id.company_id != team.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "Sales channel %(team)s: the warehouse %(warehouse)s (field "
                        "Stock From Warehouse) belongs to another company.",
                        team=team.display_name,
                        warehouse=team.atp_warehouse_id.display_name,
                    )
                )

    def write(self, vals):
        if any(name in vals for name in ATP_SETTINGS_FIELDS):
            vals = dict(vals, atp_settings_date=fields.Datetime.now())
        return super().write(vals)

    # ------------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------------

    def _atp_scope_warehouse_ids(self, warehouse=None):
        self.ensure_one()
        warehouse = warehouse or self.atp_warehouse_id
        # A channel "visible to all" companies sells the stock of the warehouse
        # it is given, else of the current company.
        company = self.company_id or (
            warehouse.company_id if warehouse else self.env.company
        )
        if warehouse and warehouse.company_id != company:
            raise UserError(
                self.env._(
                    "Sales channel %(team)s sells the stock of %(company)s, not of "
                    "the warehouse %(warehouse)s.",
                    team=self.display_name,
                    company=company.display_name,
                    warehouse=warehouse.display_name,
                )
            )
        return self.env["product.product"]._atp_warehouse_ids(
            warehouse=warehouse, companies=company
        )

    def _atp_incoming_until(self, today):
        self.ensure_one()
        if not self.atp_count_incoming:
            return None
        return today + datetime.timedelta(days=self.atp_incoming_days)

    # ------------------------------------------------------------------
    # API for connectors (Python)
    # ------------------------------------------------------------------

    def _get_publishable_quantities(self, products, warehouse=None):
        """What this channel may sell now of each of ``products``.

        Stock on hand minus every open delivery (reserved or not, whatever its
        date), plus receipts expected within the channel's number of days when
        it counts incoming stock, minus the channel's buffer; a whole number of
        units in the product's unit of measure, rounded down, never negative.

        A fixed number of SQL queries, whatever the number of products.

        :param products: ``product.product`` recordset
        :param warehouse: ``stock.warehouse`` (default: the channel's warehouse,
            else every warehouse of the channel's company)
        :return: dict ``{product id: float}``
        """
        self.ensure_one()
        warehouse_ids = self._atp_scope_warehouse_ids(warehouse)
        products = products.with_context(
            tz=self.env.context.get("tz") or self.env.user.tz
        )
        stock, events = products._atp_gather(
            warehouse_ids, include_rfq=self.atp_include_rfq
        )
        today = products._atp_today()
        incoming_until = self._atp_incoming_until(today)
        buffer_type, buffer_qty = self.atp_buffer_type, self.atp_buffer_qty
        result = {}
        for product_id in products.ids:
            result[product_id] = atp_projection.publishable(
                stock.get(product_id, (0.0, 0.0))[0],
                events.get(product_id, ()),
                today,
                incoming_until=incoming_until,
                buffer_type=buffer_type,
                buffer_value=buffer_qty,
            )
        return result

    def _get_publishable_changed_since(self, since, products=None, warehouse=None):
        """Products whose publishable quantity on this channel may have changed
        since ``since`` (naive UTC datetime, as Odoo stores them; empty: never
        published, so every storable product).

        Computed in one SQL query from the write dates of stock moves, quants
        and purchase lines in the channel's warehouses, plus the receipts that
        entered the channel's "arriving within N days" window as days went by.
        When the channel's own stock settings changed since then, every
        storable product is returned.

        :param products: optional ``product.product`` recordset to restrict to
        :return: ``product.product`` recordset
        """
        self.ensure_one()
        since = fields.Datetime.to_datetime(since)
        Product = self.env["product.product"]
        if not since or (self.atp_settings_date and self.atp_settings_date >= since):
            domain = [("is_storable", "=", True)]
            if products is not None:
                domain.append(("id", "in", products.ids))
            return Product.search(domain)
        warehouse_ids = self._atp_scope_warehouse_ids(warehouse)
        Product._atp_flush()
        self.env["stock.move"].flush_model(["write_date", "location_final_id"])
        self.env["stock.quant"].flush_model(["write_date"])
        self.env["purchase.order.line"].flush_model(["write_date"])
        self.env["purchase.order"].flush_model(["write_date"])
        tz = Product._atp_tz()
        parts = [
            SQL(
                """
                SELECT m.product_id
                  FROM stock_move m
                  JOIN stock_location src ON src.id = m.location_id
                  JOIN stock_location dest ON dest.id = m.location_dest_id
                  LEFT JOIN stock_location final ON final.id = m.location_final_id
                 WHERE m.write_date >= %(since)s
                   AND (src.warehouse_id = ANY(%(warehouses)s)
                        OR dest.warehouse_id = ANY(%(warehouses)s)
                        OR final.warehouse_id = ANY(%(warehouses)s))
                """,
                since=since,
                warehouses=warehouse_ids,
            ),
            SQL(
                """
                SELECT q.product_id
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE q.write_date >= %(since)s
                   AND l.warehouse_id = ANY(%(warehouses)s)
                """,
                since=since,
                warehouses=warehouse_ids,
            ),
        ]
        if self.atp_include_rfq:
            parts.append(
                SQL(
                    """
                    SELECT pol.product_id
                      FROM purchase_order_line pol
                      JOIN purchase_order po ON po.id = pol.order_id
                      JOIN stock_picking_type pt ON pt.id = po.picking_type_id
                     WHERE (pol.write_date >= %(since)s OR po.write_date >= %(since)s)
                       AND pol.product_id IS NOT NULL
                       AND pt.warehouse_id = ANY(%(warehouses)s)
                    """,
                    since=since,
                    warehouses=warehouse_ids,
                )
            )
        if self.atp_count_incoming:
            # Receipts that were beyond the window at ``since`` and are inside it
            # now: nothing was written, yet the channel may sell them now.
            today = Product._atp_today()
            since_day = fields.Datetime.context_timestamp(
                Product.with_context(tz=tz), since
            ).date()
            days = datetime.timedelta(days=self.atp_incoming_days)
            parts.append(
                SQL(
                    """
                    SELECT m.product_id
                      FROM stock_move m
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dest
                        ON dest.id = COALESCE(m.location_final_id, m.location_dest_id)
                     WHERE m.state IN %(states)s
                       AND dest.warehouse_id = ANY(%(warehouses)s)
                       AND NOT COALESCE(src.warehouse_id = ANY(%(warehouses)s), FALSE)
                       AND (m.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                           BETWEEN %(start)s AND %(end)s
                    """,
                    states=OPEN_MOVE_STATES,
                    warehouses=warehouse_ids,
                    tz=tz,
                    start=since_day + days + datetime.timedelta(days=1),
                    end=today + days,
                )
            )
            if self.atp_include_rfq:
                parts.append(
                    SQL(
                        """
                        SELECT pol.product_id
                          FROM purchase_order_line pol
                          JOIN purchase_order po ON po.id = pol.order_id
                          JOIN stock_picking_type pt ON pt.id = po.picking_type_id
                         WHERE po.state IN %(states)s
                           AND pol.product_id IS NOT NULL
                           AND pt.warehouse_id = ANY(%(warehouses)s)
                           AND (pol.date_planned AT TIME ZONE 'UTC'
                                AT TIME ZONE %(tz)s)::date BETWEEN %(start)s AND %(end)s
                        """,
                        states=RFQ_STATES,
                        warehouses=warehouse_ids,
                        tz=tz,
                        start=since_day + days + datetime.timedelta(days=1),
                        end=today + days,
                    )
                )
        query = SQL(
            "SELECT DISTINCT product_id FROM (%s) AS changed",
            SQL(" UNION ALL ").join(parts),
        )
        if products is not None:
            query = SQL("%s WHERE product_id = ANY(%s)", query, list(products.ids))
        self.env.cr.execute(query)
        return Product.browse(row[0] for row in self.env.cr.fetchall())

    # ------------------------------------------------------------------
    # API for integrators (XML-RPC / JSON-RPC: no integer-keyed dicts)
    # ------------------------------------------------------------------

    def _atp_rpc_products(self, product_ids):
        product_ids = [int(pid) for pid in (product_ids or [])]
        products = self.env["product.product"].browse(product_ids).exists()
        missing = sorted(set(product_ids) - set(products.ids))
        if missing:
            raise UserError(
                self.env._(
                    "Sales channel %(team)s: unknown product ids %(ids)s.",
                    team=self.display_name,
                    ids=", ".join(str(pid) for pid in missing),
                )
            )
        products.check_access("read")
        return products

    def _atp_rpc_warehouse(self, warehouse_id):
        if not warehouse_id:
            return None
        warehouse = self.env["stock.warehouse"].browse(int(warehouse_id)).exists()
        if not warehouse:
            raise UserError(
                self.env._(
                    "Sales channel %(team)s: unknown warehouse id %(id)s.",
                    team=self.display_name,
                    id=warehouse_id,
                )
            )
        warehouse.check_access("read")
        return warehouse

    def get_publishable_quantities(self, product_ids, warehouse_id=False):
        """Publishable quantity of each product on this channel (see
        ``_get_publishable_quantities``), for XML-RPC and JSON-RPC callers.

        :param list product_ids: ``product.product`` ids
        :param int warehouse_id: optional ``stock.warehouse`` id
        :return: list of ``{"product_id": int, "qty": float}`` in the order of
            ``product_ids``
        """
        self.ensure_one()
        self.check_access("read")
        products = self._atp_rpc_products(product_ids)
        quantities = self._get_publishable_quantities(
            products, warehouse=self._atp_rpc_warehouse(warehouse_id)
        )
        return [{"product_id": pid, "qty": quantities[pid]} for pid in products.ids]

    def get_publishable_changed_since(
        self, since, product_ids=None, warehouse_id=False
    ):
        """Ids of the products whose publishable quantity on this channel may
        have changed since ``since`` ("YYYY-MM-DD HH:MM:SS", UTC).

        :return: sorted list of ``product.product`` ids
        """
        self.ensure_one()
        self.check_access("read")
        try:
            since = fields.Datetime.to_datetime(since)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "Sales channel %(team)s: %(since)s is not a date and time "
                    '(expected "YYYY-MM-DD HH:MM:SS", UTC).',
                    team=self.display_name,
                    since=since,
                )
            ) from error
        if not since:
            raise UserError(
                self.env._(
                    "Sales channel %(team)s: a date and time is required.",
                    team=self.display_name,
                )
            )
        products = (
            self._atp_rpc_products(product_ids) if product_ids is not None else None
        )
        changed = self._get_publishable_changed_since(
            since, products=products, warehouse=self._atp_rpc_warehouse(warehouse_id)
        )
        return sorted(changed.ids)
