# Copyright 2026 Letzshop OMS contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Server side of the phone scan view.

Every public ``bin_scan_*`` method is called by the OWL client action through
JSON-RPC (``orm.call``) and may be called by integrators the same way. They return
plain dicts that hold only what a warehouse worker needs: products, bins, quantities
and the shipping address. They never return prices, amounts or customer data beyond
the address, and they run with the caller's own rights (no sudo): record rules and
access rights still apply.
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

SCAN_PICKING_STATES = ("confirmed", "waiting", "assigned")
SCAN_PICKING_CODES = ("incoming", "outgoing", "internal")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # ------------------------------------------------------------------
    # Pick list report
    # ------------------------------------------------------------------
    def action_print_bin_picklist(self):
        return self.env.ref("bin_locations.action_report_bin_picklist").report_action(
            self, config=False
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _bin_is_inbound(self):
        self.ensure_one()
        return self.location_id.usage not in ("internal", "transit")

    def _bin_open_lines(self):
        """Move lines still to process, in walking order (one query)."""
        self.ensure_one()
        return self.env["stock.move.line"].search(
            [
                ("picking_id", "=", self.id),
                ("move_id.state", "not in", ("done", "cancel")),
            ],
            order="bin_sort_key, id",
        )

    def _bin_line_bin(self, line):
        return line.location_dest_id if self._bin_is_inbound() else line.location_id

    def _bin_shipping_data(self):
        """The shipping label, nothing more (no e-mail, phone, VAT or order figures)."""
        self.ensure_one()
        partner = self.partner_id
        if not partner:
            return False
        return {
            "name": partner.name or partner.commercial_partner_id.name or "",
            "street": partner.street or "",
            "street2": partner.street2 or "",
            "zip": partner.zip or "",
            "city": partner.city or "",
            "country": partner.country_id.name or "",
        }

    def _bin_line_data(self, line, home_bins=None):
        """The line as the scan view shows it; without ``home_bins`` the ``home_bin``
        key is left out (the view keeps what it has), which saves the queries of a
        putaway-rule lookup on every scan while picking."""
        product = line.product_id
        bin_location = self._bin_line_bin(line)
        data = {
            "key": f"ml-{line.id}",
            "id": line.id,
            "move_id": line.move_id.id,
            "reserved": True,
            "product": self._bin_product_data(product),
            "bin": bin_location._bin_scan_data() if bin_location else False,
            "qty": line.quantity,
            "scanned": line.bin_scanned_qty,
            "uom": line.product_uom_id.name or "",
            "sort_key": line.bin_sort_key or "",
        }
        if home_bins is not None:
            home_bin = home_bins.get(product.id)
            data["home_bin"] = home_bin._bin_scan_data() if home_bin else False
        return data

    def _bin_scan_line_data(self, line):
        """Line data for a scan answer: the home bin matters only when receiving."""
        if self._bin_is_inbound():
            return self._bin_line_data(line, self._bin_home_bins(line.product_id))
        return self._bin_line_data(line)

    def _bin_unreserved_data(self, move, home_bins):
        product = move.product_id
        home_bin = home_bins.get(product.id)
        return {
            "key": f"mv-{move.id}",
            "id": False,
            "move_id": move.id,
            "reserved": False,
            "product": self._bin_product_data(product),
            "bin": home_bin._bin_scan_data() if home_bin else False,
            "home_bin": home_bin._bin_scan_data() if home_bin else False,
            "qty": move.product_uom_qty - move.quantity,
            "scanned": 0.0,
            "uom": move.product_uom.name or "",
            "sort_key": home_bin.bin_sort_key if home_bin else "",
        }

    @api.model
    def _bin_product_data(self, product):
        return {
            "id": product.id,
            # the SKU has its own key: keep it out of the name shown above it
            "name": product.with_context(display_default_code=False).display_name,
            "code": product.default_code or "",
            "barcode": product.barcode or "",
            "image": f"/web/image/product.product/{product.id}/image_128",
        }

    def _bin_home_bins(self, products=None):
        """{product id: home bin} in this warehouse, for ``products`` or all."""
        self.ensure_one()
        warehouse = self.picking_type_id.warehouse_id
        products = self.move_ids.product_id if products is None else products
        return products._get_home_bins(warehouse) if warehouse else {}

    def _bin_scan_payload(self):
        self.ensure_one()
        home_bins = self._bin_home_bins()
        lines = [
            self._bin_line_data(line, home_bins) for line in self._bin_open_lines()
        ]
        for move in self.move_ids:
            if (
                move.state in ("done", "cancel")
                or move.product_uom.compare(move.product_uom_qty, move.quantity) <= 0
            ):
                continue
            # The part not reserved yet still shows where the product usually sits.
            lines.append(self._bin_unreserved_data(move, home_bins))
        lines.sort(key=lambda ln: (ln["sort_key"], ln["product"]["name"], ln["key"]))
        return {
            "id": self.id,
            "name": self.name,
            "code": self.picking_type_code,
            "type_name": self.picking_type_id.name,
            "state": self.state,
            "origin": self.origin or "",
            "scheduled_date": fields.Datetime.to_string(self.scheduled_date)
            if self.scheduled_date
            else "",
            "inbound": self._bin_is_inbound(),
            "shipping": self._bin_shipping_data()
            if self.picking_type_code == "outgoing"
            else False,
            "partner_name": self.partner_id.display_name or ""
            if self.picking_type_code != "outgoing"
            else "",
            "lines": lines,
            "pack": self._bin_pack_data(),
        }

    def _bin_pack_data(self):
        """Hook: what the worker confirms before validating (weight, parcels), as a
        dict, or False when there is nothing to ask (shipping addons fill it)."""
        self.ensure_one()
        return False

    def _bin_apply_pack(self, pack):
        """Hook: store what the worker confirmed in the pack step (``pack`` is the
        dict the view sends back); called after the scanned quantities are set and
        before the transfer is validated."""
        self.ensure_one()

    def _bin_validated_data(self):
        """Hook: extra keys of a successful validation answer (tracking number,
        label URL)."""
        self.ensure_one()
        return {}

    def _bin_result(self, ok, message, **extra):
        return dict(ok=ok, message=message, sound="ok" if ok else "error", **extra)

    def _bin_check_open(self):
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(
                self.env._(
                    "Transfer %(name)s is already %(state)s.",
                    name=self.name,
                    state=self.state,
                )
            )

    # ------------------------------------------------------------------
    # Public API of the scan view
    # ------------------------------------------------------------------
    @api.model
    def bin_scan_pickings(self, limit=80):
        """Receipts, deliveries and internal transfers to process by end of today."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        end = (
            tz.localize(datetime.combine(tomorrow, time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        pickings = self.search(
            [
                ("state", "in", SCAN_PICKING_STATES),
                ("picking_type_code", "in", SCAN_PICKING_CODES),
                ("scheduled_date", "<", end),
            ],
            order="priority desc, scheduled_date, id",
            limit=limit,
        )
        return [
            {
                "id": picking.id,
                "name": picking.name,
                "code": picking.picking_type_code,
                "type_name": picking.picking_type_id.name,
                "state": picking.state,
                "origin": picking.origin or "",
                "partner": picking.partner_id.name or "",
                "city": picking.partner_id.city or ""
                if picking.picking_type_code == "outgoing"
                else "",
                "priority": picking.priority == "1",
                "line_count": len(picking.move_ids),
                "scheduled_date": fields.Datetime.to_string(picking.scheduled_date),
            }
            for picking in pickings
        ]

    @api.model
    def bin_scan_open(self, reference):
        """Open a transfer by its id or its scanned reference (e.g. WH/OUT/00012)."""
        if isinstance(reference, int):
            picking = self.browse(reference).exists()
        else:
            picking = self.search([("name", "=", (reference or "").strip())], limit=1)
        if not picking:
            return self._bin_result(
                False,
                self.env._(
                    "No transfer %(ref)s: open or scan a transfer first.", ref=reference
                ),
            )
        if picking.state in ("done", "cancel"):
            return self._bin_result(
                False,
                self.env._(
                    "Transfer %(name)s is already done or cancelled.", name=picking.name
                ),
            )
        return self._bin_result(True, picking.name, picking=picking._bin_scan_payload())

    def bin_scan_data(self):
        self.ensure_one()
        return self._bin_scan_payload()

    def bin_scan_barcode(self, barcode, bin_id=False, line_id=False):
        """Process one scan.

        :param barcode: what the scanner or camera read
        :param bin_id: the bin scanned last (picking: where the worker stands)
        :param line_id: the move line whose product was scanned last (receiving)
        :return: dict with ``ok``, ``message``, ``sound`` and, when something
            changed or was recognised, ``bin`` and/or ``line``; a wrong scan changes
            nothing.
        """
        self.ensure_one()
        self._bin_check_open()
        code = (barcode or "").strip()
        if not code:
            return self._bin_result(False, self.env._("Empty scan."))
        location = self.env["stock.location"].search(
            [("barcode", "=", code), ("company_id", "in", (self.company_id.id, False))],
            limit=1,
        )
        if location:
            if self._bin_is_inbound():
                return self._bin_scan_dest_bin(location, line_id)
            return self._bin_scan_source_bin(location)
        product = self._bin_find_product(code)
        if product:
            if self._bin_is_inbound():
                return self._bin_scan_inbound_product(product)
            return self._bin_scan_outbound_product(
                product, self.env["stock.location"].browse(bin_id or [])
            )
        other = self.search([("name", "=", code)], limit=1)
        if other:
            return self.bin_scan_open(other.id)
        return self._bin_result(
            False, self.env._("Unknown barcode %(code)s.", code=code)
        )

    def _bin_find_product(self, code):
        """The product a scanned code names: its barcode as written, else its GTIN
        in any notation (EAN-13, UPC-A, GTIN-14 with or without leading zeros, a
        GS1 element string: see product_gtin), else its SKU."""
        self.ensure_one()
        Product = self.env["product.product"]
        products = Product.search(
            ["|", ("barcode", "=", code), ("default_code", "=", code)], limit=2
        )
        exact = products.filtered(lambda p: p.barcode == code)[:1]
        if exact:
            return exact
        by_gtin = Product._match_gtin([code], company=self.company_id).get(code)
        return by_gtin or products[:1]

    def _bin_next_line(self, lines=None):
        lines = self._bin_open_lines() if lines is None else lines
        return next(
            (
                ln
                for ln in lines
                if ln.product_uom_id.compare(ln.bin_scanned_qty, ln.quantity) < 0
            ),
            None,
        )

    def _bin_scan_source_bin(self, location):
        lines = self._bin_open_lines()
        here = lines.filtered(lambda ln: ln.location_id == location)
        if not here:
            nxt = self._bin_next_line(lines)
            message = self.env._(
                "Wrong bin: %(bin)s holds nothing to pick for %(picking)s.",
                bin=location.name,
                picking=self.name,
            )
            if nxt:
                message += " " + self.env._("Go to %(bin)s.", bin=nxt.location_id.name)
            return self._bin_result(False, message)
        todo = self._bin_next_line(here)
        if todo:
            message = self.env._(
                "%(bin)s: take %(product)s.",
                bin=location.name,
                product=todo.product_id.display_name,
            )
        else:
            message = self.env._(
                "%(bin)s: everything here is already picked.", bin=location.name
            )
        return self._bin_result(True, message, bin=location._bin_scan_data())

    def _bin_scan_outbound_product(self, product, location):
        lines = self._bin_open_lines()
        of_product = lines.filtered(lambda ln: ln.product_id == product)
        if not of_product:
            return self._bin_result(
                False,
                self.env._(
                    "Wrong product: %(product)s is not part of %(picking)s.",
                    product=product.display_name,
                    picking=self.name,
                ),
            )
        if not location:
            return self._bin_result(
                False,
                self.env._(
                    "Scan the bin first: %(product)s is in %(bin)s.",
                    product=product.display_name,
                    bin=of_product[0].location_id.name,
                ),
            )
        here = of_product.filtered(lambda ln: ln.location_id == location)
        if not here:
            return self._bin_result(
                False,
                self.env._(
                    "Wrong bin for %(product)s: take it from %(expected)s, "
                    "not %(bin)s.",
                    product=product.display_name,
                    expected=", ".join(of_product.location_id.mapped("name")),
                    bin=location.name,
                ),
            )
        line = self._bin_next_line(here)
        if not line:
            return self._bin_result(
                False,
                self.env._(
                    "All %(qty)s of %(product)s from %(bin)s are already scanned.",
                    qty=sum(here.mapped("quantity")),
                    product=product.display_name,
                    bin=location.name,
                ),
            )
        line.bin_scanned_qty += 1
        return self._bin_result(
            True,
            self.env._(
                "%(product)s: %(scanned)s / %(qty)s",
                product=product.display_name,
                scanned=line.bin_scanned_qty,
                qty=line.quantity,
            ),
            line=self._bin_scan_line_data(line),
        )

    def _bin_scan_inbound_product(self, product):
        of_product = self._bin_open_lines().filtered(
            lambda ln: ln.product_id == product
        )
        if not of_product:
            return self._bin_result(
                False,
                self.env._(
                    "Wrong product: %(product)s is not expected in %(picking)s.",
                    product=product.display_name,
                    picking=self.name,
                ),
            )
        # Over-receipt is allowed (the supplier sent more): count on the last line then.
        line = self._bin_next_line(of_product) or of_product[-1]
        line.bin_scanned_qty += 1
        return self._bin_result(
            True,
            self.env._(
                "%(product)s: %(scanned)s / %(qty)s. Scan the bin to put it in "
                "(suggested: %(bin)s).",
                product=product.display_name,
                scanned=line.bin_scanned_qty,
                qty=line.quantity,
                bin=line.location_dest_id.name,
            ),
            line=self._bin_scan_line_data(line),
        )

    def _bin_scan_dest_bin(self, location, line_id):
        line = self.env["stock.move.line"].browse(line_id or []).exists()
        if not line or line.picking_id != self:
            return self._bin_result(
                False, self.env._("Scan a product first, then the bin to put it in.")
            )
        destination = self.location_dest_id
        if location.usage != "internal" or not location.parent_path.startswith(
            destination.parent_path
        ):
            return self._bin_result(
                False,
                self.env._(
                    "Wrong bin: %(bin)s is not inside %(destination)s.",
                    bin=location.complete_name,
                    destination=destination.complete_name,
                ),
            )
        if line.location_dest_id != location:
            line.location_dest_id = location
        return self._bin_result(
            True,
            self.env._(
                "%(product)s goes to %(bin)s.",
                product=line.product_id.display_name,
                bin=location.name,
            ),
            bin=location._bin_scan_data(),
            line=self._bin_scan_line_data(line),
        )

    def bin_scan_set_quantity(self, line_id, quantity):
        """Set the counted quantity of a line typed by hand."""
        self.ensure_one()
        self._bin_check_open()
        line = self.env["stock.move.line"].browse(line_id).exists()
        if not line or line.picking_id != self:
            return self._bin_result(
                False,
                self.env._("This line is no longer part of %(name)s.", name=self.name),
            )
        try:
            quantity = float(quantity)
        except (TypeError, ValueError):
            return self._bin_result(
                False, self.env._("%(value)s is not a quantity.", value=quantity)
            )
        if quantity < 0:
            return self._bin_result(False, self.env._("A quantity cannot be negative."))
        if (
            not self._bin_is_inbound()
            and line.product_uom_id.compare(quantity, line.quantity) > 0
        ):
            return self._bin_result(
                False,
                self.env._(
                    "Only %(qty)s of %(product)s are reserved in %(bin)s.",
                    qty=line.quantity,
                    product=line.product_id.display_name,
                    bin=line.location_id.name,
                ),
            )
        line.bin_scanned_qty = quantity
        return self._bin_result(
            True,
            self.env._(
                "%(product)s: %(scanned)s / %(qty)s",
                product=line.product_id.display_name,
                scanned=quantity,
                qty=line.quantity,
            ),
            line=self._bin_scan_line_data(line),
        )

    def bin_scan_validate(self, pack=None):
        """Make the scanned quantities the done ones and validate with Odoo's own flow.

        ``pack``: what the worker confirmed in the pack step (see ``_bin_pack_data``).

        Returns ``{"ok": True, "done": True}`` or, when Odoo asks something (backorder
        or not), ``{"ok": True, "action": <window action of Odoo's wizard>}``.
        """
        self.ensure_one()
        self._bin_check_open()
        moves = self.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        lines = moves.move_line_ids
        scanned = lines.filtered(
            lambda ln: not ln.product_uom_id.is_zero(ln.bin_scanned_qty)
        )
        if not scanned:
            raise UserError(
                self.env._("Nothing is scanned in %(name)s yet.", name=self.name)
            )
        for line in scanned:
            line.write({"quantity": line.bin_scanned_qty, "picked": True})
        (lines.filtered(lambda ln: ln.move_id in scanned.move_id) - scanned).unlink()
        (moves - scanned.move_id).filtered("picked").picked = False
        if pack:
            self._bin_apply_pack(pack)
        result = self.button_validate()
        if isinstance(result, dict):
            return {"ok": True, "done": False, "action": result}
        return {
            "ok": True,
            "done": True,
            "message": self.env._("%(name)s is done.", name=self.name),
            **self._bin_validated_data(),
        }
