# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from collections import Counter, defaultdict, namedtuple
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import pricing

COMPONENTS = [
    ("receiving", "Receiving"),
    ("pick_pack", "Pick & pack"),
    ("packaging", "Packaging"),
    ("storage", "Storage"),
    ("returns", "Returns"),
    ("vas", "Value-added services"),
    ("carrier", "Carrier"),
    ("minimum", "Monthly minimum"),
]

# Columns written by _write_rows (one INSERT for any number of lines).
ROW_COLUMNS = (
    ("company_id", "int4"),
    ("order_id", "int4"),
    ("picking_id", "int4"),
    ("client_id", "int4"),
    ("rate_card_id", "int4"),
    ("currency_id", "int4"),
    ("component", "varchar"),
    ("code", "varchar"),
    ("name", "varchar"),
    ("origin", "varchar"),
    ("state", "varchar"),
    ("date", "date"),
    ("quantity", "float8"),
    ("unit_price", "numeric"),
    ("amount", "numeric"),
    ("amount_company", "numeric"),
    ("statement_id", "int4"),
)
#: A priced line as written by _write_rows: a tuple in ROW_COLUMNS order, so
#: that it compares with the row PostgreSQL returns for the same columns.
CostRow = namedtuple("CostRow", [name for name, __ in ROW_COLUMNS])


def _pg_text(value):
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _pg_array(values, kind=None):
    """PostgreSQL array literal of ints, floats, strings, dates or None.

    ``kind`` (a ROW_COLUMNS type) picks one encoder for the whole column
    instead of testing the type of each value: 90,000 rows x 17 columns are
    encoded several times faster."""
    if kind in ("int4", "float8", "numeric"):
        items = ["NULL" if v is None or v is False else str(v) for v in values]
    elif kind == "varchar":
        items = ["NULL" if v is None or v is False else _pg_text(v) for v in values]
    elif kind == "date":
        items = ["NULL" if v is None or v is False else f'"{v}"' for v in values]
    else:
        items = []
        for value in values:
            if value is None or value is False:
                items.append("NULL")
            elif isinstance(value, str):
                items.append(_pg_text(value))
            elif isinstance(value, (int, float, Decimal)):
                items.append(str(value))
            else:  # dates
                items.append(f'"{value}"')
    return "{" + ",".join(items) + "}"


def _as_tuples(rows):
    """Rows as tuples in ROW_COLUMNS order (CostRow, or dicts by column)."""
    names = [name for name, __ in ROW_COLUMNS]
    return [
        tuple(row.get(c) for c in names) if isinstance(row, dict) else row
        for row in rows
    ]


class FulfillmentCostLine(models.Model):
    """One priced item of fulfilment: a line of the cost of an order (seller)
    and, when it has a client, a usage line billed to that client (3PL)."""

    _name = "fulfillment.cost.line"
    _description = "Fulfilment cost line"
    _order = "date desc, order_id, picking_id, id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    order_id = fields.Many2one("sale.order", index="btree_not_null", ondelete="cascade")
    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", index="btree_not_null", ondelete="set null"
    )
    client_id = fields.Many2one("res.partner", index="btree_not_null")
    rate_card_id = fields.Many2one(
        "fulfillment.rate.card", string="Rate card version", ondelete="restrict"
    )
    # Read through the order: not copied on each line (fewer foreign keys to
    # check when thousands of lines are written; the analysis report groups by
    # channel and carrier).
    team_id = fields.Many2one(
        related="order_id.team_id", string="Channel", help="The order's sales channel."
    )
    carrier_id = fields.Many2one(
        related="order_id.carrier_id", string="Carrier", help="The order's carrier."
    )
    component = fields.Selection(COMPONENTS, required=True)
    code = fields.Char()
    name = fields.Char("Description", required=True)
    origin = fields.Selection(
        [
            ("order", "Order"),
            ("return", "Return"),
            ("receipt", "Receipt"),
            ("storage", "Storage"),
            ("manual", "Manual"),
        ],
        required=True,
        default="manual",
    )
    state = fields.Selection(
        [("estimate", "Estimate"), ("fixed", "Fixed")], required=True, default="fixed"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    quantity = fields.Float(default=1.0, digits=(16, 4))
    unit_price = fields.Float(digits=(16, 6))
    amount = fields.Monetary()
    currency_id = fields.Many2one("res.currency", required=True)
    amount_company = fields.Monetary(
        "Amount (company currency)", currency_field="company_currency_id"
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company currency"
    )
    statement_id = fields.Many2one(
        "fulfillment.statement", index="btree_not_null", ondelete="set null", copy=False
    )
    late = fields.Boolean(
        help="Recorded after its month was billed: carried to the next statement.",
        copy=False,
    )

    @api.model
    def _component_labels(self):
        return dict(self._fields["component"]._description_selection(self.env))

    @api.model_create_multi
    def create(self, vals_list):
        """Manual usage (extras): amount = quantity x unit price, converted."""
        for vals in vals_list:
            if "amount" not in vals:
                vals["amount"] = vals.get("quantity", 1.0) * vals.get("unit_price", 0.0)
        lines = super().create(vals_list)
        for line in lines:
            if not line.amount_company:
                line.amount_company = line.currency_id._convert(
                    line.amount, line.company_id.currency_id, line.company_id, line.date
                )
        return lines

    def write(self, vals):
        if self.filtered("statement_id") and set(vals) - {"late", "statement_id"}:
            raise UserError(
                self.env._(
                    "Cost line %(line)s is billed on statement %(statement)s and "
                    "cannot change.",
                    line=self.filtered("statement_id")[:1].name,
                    statement=self.filtered("statement_id")[:1].statement_id.name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        billed = self.filtered("statement_id")
        if billed:
            raise UserError(
                self.env._(
                    "Cost line %(line)s is billed on statement %(statement)s and "
                    "cannot be deleted.",
                    line=billed[:1].name,
                    statement=billed[:1].statement_id.name,
                )
            )

    @api.model
    def _charge_label(self, charge):
        """Translated label of a pricing.Charge."""
        code = charge.code
        zone_labels = {
            "domestic": self.env._("domestic"),
            "eu": self.env._("EU"),
            "world": self.env._("world"),
        }
        zone = None
        if charge.component == "carrier" and "_" in code:
            code, zone = code.split("_", 1)
        fixed = {
            ("pick_pack", "base"): self.env._("Order base"),
            ("pick_pack", "first"): self.env._("First unit"),
            ("pick_pack", "additional"): self.env._("Additional unit"),
            ("pick_pack", "sku"): self.env._("Additional SKU"),
            ("packaging", "insert"): self.env._("Insert"),
            ("carrier", "rate"): self.env._("Carrier rate"),
            ("carrier", "fuel"): self.env._("Fuel surcharge"),
            ("returns", "base"): self.env._("Return"),
            ("returns", "first"): self.env._("First returned item"),
            ("returns", "additional"): self.env._("Additional returned item"),
            ("returns", "inspection"): self.env._("Inspection"),
            ("receiving", "hour"): self.env._("Receiving hours"),
            ("receiving", "pallet"): self.env._("Pallets received"),
            ("receiving", "carton"): self.env._("Cartons received"),
            ("receiving", "unit"): self.env._("Units received"),
            ("receiving", "noncompliant"): self.env._("Non-compliant delivery"),
            ("receiving", "unannounced"): self.env._("Unannounced delivery"),
            ("storage", "volume"): self.env._("Storage per m³ and day"),
            ("storage", "volume_age"): self.env._("Long-term storage per m³ and day"),
            ("storage", "order"): self.env._("Storage share (m³ × days)"),
            ("minimum", "minimum"): self.env._("Monthly minimum difference"),
        }
        label = fixed.get((charge.component, code))
        if label is None and charge.component == "pick_pack":
            if code.startswith("tier"):
                label = self.env._("Units in tier from %(low)s", low=code[4:])
            elif code.startswith("weight"):
                label = self.env._("Weight surcharge from %(low)s kg", low=code[6:])
        if label is None and charge.component == "storage":
            stype = code.removesuffix("_age")
            type_label = dict(
                self.env["fulfillment.rate.card.rule"]
                ._fields["storage_type"]
                ._description_selection(self.env)
            ).get(stype, stype)
            if code.endswith("_age"):
                label = self.env._(
                    "Long-term storage per %(type)s and day", type=type_label
                )
            elif charge.label.endswith("per month"):
                label = self.env._("Storage per %(type)s and month", type=type_label)
            else:
                label = self.env._("Storage per %(type)s and day", type=type_label)
        if (
            charge.component == "storage"
            and code == "volume"
            and (charge.label.endswith("per month"))
        ):
            label = self.env._("Storage per m³ and month")
        label = label or charge.label
        if zone:
            label = f"{label} ({zone_labels.get(zone, zone)})"
        return label

    # ------------------------------------------------------------------
    # the costing engine: shipments -> priced rows -> one INSERT
    # ------------------------------------------------------------------

    @api.model
    def _price_shipments(self, shipments, state):
        """Priced rows (CostRow) for ``shipments`` (dicts, see
        _picking_shipments and sale.order._fulfillment_shipments). Cards are
        found in one query; the rest runs in memory (carriers' price rules are
        read once)."""
        Card = self.env["fulfillment.rate.card"].sudo()
        keys = {
            (s["company_id"], s["provider_id"], s["client_id"], s["date"])
            for s in shipments
        }
        cards = Card._find_cards(keys)
        # Everything read from records is read once, before the loop: per card
        # its pure-Python view, currency and the company's currency rounding.
        per_card = {}
        for card in {c for c in cards.values() if c}:
            company_currency = card.company_id.currency_id
            per_card[card.id] = (
                card._to_card(),
                card.currency_id,
                company_currency.id,
                company_currency.decimal_places,
                card.currency_id.decimal_places,
            )
        rows = []
        carriers = self.env["delivery.carrier"].sudo()
        rates = {}
        labels = {}  # translated label per (component, code, label)
        carrier_rules = {}  # carrier id -> (carrier, type, price rules)
        for ship in shipments:
            card = cards.get(
                (
                    ship["company_id"],
                    ship["provider_id"],
                    ship["client_id"],
                    ship["date"],
                )
            )
            if card is None:
                continue
            card_id = card.id
            pcard, currency, company_currency_id, company_digits, digits = per_card[
                card_id
            ]
            currency_id = currency.id
            charges = self._shipment_charges(pcard, ship, carriers, carrier_rules)
            rate_key = (currency_id, ship["company_id"], ship["date"])
            if rate_key not in rates:
                company = card.company_id
                rates[rate_key] = (
                    1.0
                    if currency_id == company_currency_id
                    else self.env["res.currency"]._get_conversion_rate(
                        currency, company.currency_id, company, ship["date"]
                    )
                )
            rate = rates[rate_key]
            for charge in charges:
                amount = round(charge.amount, digits)
                label_key = (charge.component, charge.code, charge.label)
                if label_key not in labels:
                    labels[label_key] = self._charge_label(charge)
                rows.append(
                    CostRow(
                        ship["company_id"],
                        ship.get("order_id"),
                        ship.get("picking_id"),
                        ship["client_id"],
                        card_id,
                        currency_id,
                        charge.component,
                        charge.code,
                        labels[label_key],
                        ship["origin"],
                        state,
                        ship["date"],
                        charge.quantity,
                        charge.unit_price,
                        amount,
                        round(amount * rate, company_digits),
                        None,
                    )
                )
        return rows

    @api.model
    def _shipment_charges(self, card, ship, carriers, carrier_rules):
        origin = ship["origin"]
        lines = ship["lines"]  # [(product_id, qty, unit weight, unit volume)]
        units = sum(q for __, q, __w, __v in lines)
        if origin == "return":
            return pricing.returns(card, round(units))
        if origin == "receipt":
            rec = ship.get("receipt") or {}
            return pricing.receiving(
                card,
                hours=rec.get("hours", 0.0),
                pallets=rec.get("pallets", 0),
                cartons=rec.get("cartons", 0),
                units=units if card.receiving_unit else 0,
                noncompliant=rec.get("noncompliant"),
                unannounced=rec.get("unannounced"),
            )
        weight = sum(q * w for __, q, w, __v in lines)
        volume = sum(q * v for __, q, __w, v in lines)
        unit_weights = []
        for __, q, w, __v in lines:
            unit_weights += [w] * round(q)
        billable = pricing.billable_weight(card, weight, volume * 1_000_000)
        charges = pricing.pick_pack(
            card,
            round(units),
            len({p for p, q, __w, __v in lines if q}),
            unit_weights,
            billable,
        )
        box = pricing.choose_box(card.boxes, volume, weight)
        charges += pricing.packaging(card, box, inserts=1 if card.insert_price else 0)
        for code, qty in ship.get("services", {}).items():
            charges += pricing.service(card, code, qty)
        charges += pricing.storage_per_order(card, volume, ship["date"].month)
        price = ship.get("carrier_price")
        if not price and ship.get("carrier_id"):
            carrier_id = ship["carrier_id"]
            if carrier_id not in carrier_rules:
                carrier = carriers.browse(carrier_id)
                carrier_rules[carrier_id] = (
                    carrier,
                    carrier.delivery_type,
                    carrier._fulfillment_rules()
                    if carrier.delivery_type == "base_on_rule"
                    else None,
                )
            carrier, delivery_type, rules = carrier_rules[carrier_id]
            if delivery_type == "base_on_rule" and rules is not None:
                # what _fulfillment_parcel_price returns, without reading the
                # carrier record again for each of thousands of orders
                price = pricing.carrier_rule_price(
                    rules, ship.get("total", 0.0), billable, volume, units
                )
                price = price or 0.0
            else:
                price = carrier._fulfillment_parcel_price(
                    ship.get("total", 0.0), billable, volume, units, rules=rules
                )
            if price is None and ship.get("order") is not None:
                # a carrier priced by its provider's API: ask it (estimates only)
                res = carrier.rate_shipment(ship["order"])
                price = res.get("price", 0.0) if res.get("success") else 0.0
        charges += pricing.carrier(card, price or 0.0)
        return charges

    @api.model
    def _write_rows(self, rows):
        """Insert priced rows in one statement (unnest of arrays), whatever
        their number: the benchmark's 90,000 lines cost one query.

        SQL rather than ``create``: the engine's rows are complete (amounts
        and company amounts computed), nothing is tracked or stored-computed
        from a cost line except the statement totals and the order totals,
        which the callers recompute in one query each; ``create`` spends
        about ten times longer per line on the same result."""
        if not rows:
            return
        self.env.flush_all()
        names = [c for c, __ in ROW_COLUMNS]
        columns = zip(*_as_tuples(rows), strict=True)
        # Each column goes as one array literal ('{...}'): PostgreSQL parses a
        # constant, not one expression per element (ten times faster).
        arrays = [
            SQL("%s::%s[]", _pg_array(values, t), SQL(t))
            for values, (__, t) in zip(columns, ROW_COLUMNS, strict=True)
        ]
        uid = self.env.uid
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO fulfillment_cost_line (%s, late, create_uid, write_uid,
                                                   create_date, write_date)
                SELECT *, FALSE, %s, %s, now() AT TIME ZONE 'UTC',
                       now() AT TIME ZONE 'UTC'
                  FROM unnest(%s)
                """,
                SQL(", ").join(SQL.identifier(n) for n in names),
                uid,
                uid,
                SQL(", ").join(arrays),
            )
        )
        self.invalidate_model()

    @api.model
    def _replace_rows(self, rows, where):
        """Make the unbilled lines matching ``where`` (an SQL condition) equal
        to ``rows``, shipment by shipment (a picking, or an order's estimate):
        a shipment whose lines are all unchanged keeps them, any other has its
        lines deleted and written again in ``rows``' order. The same result as
        deleting every matching line and inserting ``rows``, but a recompute
        that changes nothing writes nothing (no deleted and re-inserted rows,
        no foreign-key checks). Two queries, plus one per write."""
        cr = self.env.cr
        self.env.flush_all()
        names = [c for c, __ in ROW_COLUMNS]
        cr.execute(
            SQL(
                "SELECT id, late, %s FROM fulfillment_cost_line "
                "WHERE statement_id IS NULL AND (%s)",
                SQL(", ").join(SQL.identifier(n) for n in names),
                where,
            )
        )
        # shipment (picking, order) -> ids and written values of its lines;
        # a line flagged late was not written so by the engine: never kept.
        old_ids = defaultdict(list)
        old_keys = defaultdict(list)
        picking_at, order_at = names.index("picking_id"), names.index("order_id")
        for line_id, late, *values in cr.fetchall():
            shipment = (values[picking_at], values[order_at])
            old_ids[shipment].append(line_id)
            old_keys[shipment].append(None if late else tuple(values))
        new_rows = defaultdict(list)
        for row in _as_tuples(rows):
            new_rows[row[picking_at], row[order_at]].append(row)
        stale_ids = []
        to_write = []
        for shipment, shipment_rows in new_rows.items():
            # PostgreSQL keeps 15 significant digits of a float: a value it
            # does not keep exactly only makes the shipment written again.
            if Counter(shipment_rows) != Counter(old_keys.pop(shipment, [])):
                stale_ids += old_ids.get(shipment, [])
                to_write += shipment_rows
        # shipments that have no line any more
        for shipment in old_keys:
            stale_ids += old_ids[shipment]
        if stale_ids:
            cr.execute(
                SQL("DELETE FROM fulfillment_cost_line WHERE id = ANY(%s)", stale_ids)
            )
            self.invalidate_model()
        self._write_rows(to_write)

    # ------------------------------------------------------------------
    # pickings: delivered orders, returns, receipts
    # ------------------------------------------------------------------

    @api.model
    def _picking_shipments(self, picking_ids):
        """Shipments of done pickings, read with three queries for any number."""
        if not picking_ids:
            return []
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            SQL(
                """
                SELECT p.id, COALESCE(p.sale_id, rp.sale_id), p.company_id,
                       p.carrier_id, p.carrier_price, p.date_done::date, p.owner_id,
                       pt.code, p.return_id,
                       COALESCE(w.fulfillment_provider_id, c.partner_id),
                       so.team_id, COALESCE(so.amount_untaxed, 0),
                       COALESCE(p.fulfillment_receiving_hours, 0),
                       COALESCE(p.fulfillment_pallets, 0),
                       COALESCE(p.fulfillment_cartons, 0),
                       COALESCE(p.fulfillment_noncompliant, FALSE),
                       COALESCE(p.fulfillment_unannounced, FALSE)
                  FROM stock_picking p
                  JOIN stock_picking_type pt ON pt.id = p.picking_type_id
                  JOIN res_company c ON c.id = p.company_id
                  LEFT JOIN stock_warehouse w ON w.id = pt.warehouse_id
                  LEFT JOIN stock_picking rp ON rp.id = p.return_id
                  LEFT JOIN sale_order so ON so.id = COALESCE(p.sale_id, rp.sale_id)
                 WHERE p.id = ANY(%s) AND p.state = 'done'
                """,
                list(picking_ids),
            )
        )
        heads = cr.fetchall()
        cr.execute(
            SQL(
                """
                SELECT m.picking_id, m.product_id, SUM(m.product_qty),
                       COALESCE(pp.weight, 0), COALESCE(pp.volume, 0)
                  FROM stock_move m
                  JOIN product_product pp ON pp.id = m.product_id
                 WHERE m.picking_id = ANY(%s) AND m.state = 'done'
                 GROUP BY m.picking_id, m.product_id, pp.weight, pp.volume
                """,
                [h[0] for h in heads],
            )
        )
        lines = defaultdict(list)
        for picking_id, product_id, qty, weight, volume in cr.fetchall():
            lines[picking_id].append(
                (product_id, float(qty), float(weight), float(volume))
            )
        order_ids = {h[1] for h in heads if h[1] and h[7] == "outgoing" and not h[8]}
        services = self._order_services(order_ids)
        shipments = []
        for (
            picking_id,
            order_id,
            company_id,
            carrier_id,
            carrier_price,
            day,
            owner_id,
            code,
            return_id,
            provider_id,
            team_id,
            total,
            hours,
            pallets,
            cartons,
            noncompliant,
            unannounced,
        ) in heads:
            if return_id and code == "incoming":
                origin = "return"
            elif code == "outgoing" and not return_id:
                origin = "order"
            elif code == "incoming":
                origin = "receipt"
            else:
                continue
            if origin == "receipt" and not owner_id:
                continue  # the seller's own purchases are not fulfilment usage
            shipments.append(
                {
                    "picking_id": picking_id,
                    "order_id": order_id,
                    "company_id": company_id,
                    "provider_id": provider_id,
                    "client_id": owner_id,
                    "date": day,
                    "carrier_id": carrier_id if origin == "order" else None,
                    "carrier_price": float(carrier_price or 0.0),
                    "team_id": team_id,
                    "total": float(total),
                    "origin": origin,
                    "lines": lines.get(picking_id, []),
                    "services": services.get(order_id, {}) if origin == "order" else {},
                    "receipt": {
                        "hours": hours,
                        "pallets": pallets,
                        "cartons": cartons,
                        "noncompliant": noncompliant,
                        "unannounced": unannounced,
                    },
                }
            )
        return shipments

    @api.model
    def _order_services(self, order_ids):
        """{order_id: {service code: quantity}} from order lines whose product
        is a value-added service of a rate card. One query."""
        rules = (
            self.env["fulfillment.rate.card.rule"]
            .sudo()
            .search([("kind", "=", "service"), ("product_id", "!=", False)])
        )
        if not order_ids or not rules:
            return {}
        codes = {r.product_id.id: r.code for r in rules}
        self.env.cr.execute(
            SQL(
                """
                SELECT order_id, product_id, SUM(product_uom_qty)
                  FROM sale_order_line
                 WHERE order_id = ANY(%s) AND product_id = ANY(%s)
                 GROUP BY order_id, product_id
                """,
                list(order_ids),
                list(codes),
            )
        )
        result = defaultdict(dict)
        for order_id, product_id, qty in self.env.cr.fetchall():
            code = codes[product_id]
            result[order_id][code] = result[order_id].get(code, 0) + qty
        return result

    @api.model
    def _compute_for_pickings(self, pickings):
        """Fix the cost of done pickings: replaces their unbilled lines and the
        estimates of their orders, then updates the orders' totals.
        Idempotent: running it twice gives the same lines."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            SQL(
                "SELECT DISTINCT picking_id FROM fulfillment_cost_line "
                "WHERE picking_id = ANY(%s) AND statement_id IS NOT NULL",
                pickings.ids,
            )
        )
        billed = {r[0] for r in cr.fetchall()}
        todo = [pid for pid in pickings.ids if pid not in billed]
        shipments = self._picking_shipments(todo)
        rows = self._price_shipments(shipments, "fixed")
        order_ids = list({s["order_id"] for s in shipments if s["order_id"]})
        # The pickings' unbilled lines and their orders' estimates become rows.
        self._replace_rows(
            rows,
            SQL(
                "picking_id = ANY(%s) OR (order_id = ANY(%s) AND state = 'estimate')",
                todo,
                order_ids,
            ),
        )
        self.env["sale.order"].browse(order_ids)._fulfillment_update_totals()
        return rows
