# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
"""Order files -> sale orders of a sales channel.

A service (AbstractModel, no table): :meth:`_check_file` reads a file and lists
every problem per row without writing anything (the preview);
:meth:`_import_file` creates the orders, all of them or none, one per external
order number and channel (advisory lock, then the unique binding).
"""

import hashlib
import logging
from collections import defaultdict

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger

from .. import order_file

_logger = logging.getLogger(__name__)

MAX_BYTES_PARAM = "sale_channel_order_import.max_file_mb"
CONCURRENT_WRITE_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.UniqueViolation,
)


def lock_key(*parts):
    """A signed 64-bit key for ``pg_try_advisory_xact_lock(bigint)`` (SHA-256)."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def email_key(email):
    return (email or "").strip().lower()


class SaleChannelOrderImporter(models.AbstractModel):
    _name = "sale.channel.order.importer"
    _description = "Sales Channel Order File Importer"

    # -- reading and checking ----------
    @api.model
    def _max_bytes(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param(MAX_BYTES_PARAM) or "20"
        )
        # sudo above: a system parameter, read only for its value
        try:
            return int(float(value) * 1024 * 1024)
        except ValueError:
            return order_file.DEFAULT_MAX_BYTES

    def _msg(self, message):
        """A message of :mod:`order_file`, in the user's language."""
        return order_file.format_message(message, self.env._)

    @api.model
    def _check_file(self, team, data, filename=""):
        """Read ``data`` for ``team``; a dict with the orders and every problem.

        ``issues``: [(row, order number, level, message)], level ``error``
        (the file is refused), ``warning`` (imported, to look at) or ``info``."""
        column_map = self.env["sale.channel.column.map"]._for_team(team)
        options = {
            "decimal": column_map.decimal_separator or "auto",
            "day_first": (column_map.date_order or "dmy") == "dmy",
        }
        try:
            header, rows = order_file.read_table(
                data,
                filename or "",
                max_bytes=self._max_bytes(),
                encoding=column_map.encoding or "auto",
            )
            fmt = order_file.detect_format(header)
            if not fmt and not column_map:
                raise UserError(
                    self.env._(
                        "The columns are neither those of Shopify's nor of "
                        "WooCommerce's order export, and the sales channel "
                        "%(team)s has no column mapping. Set one up under "
                        "Sales > Configuration > Order File Columns.",
                        team=team.display_name,
                    )
                )
            mapping = order_file.mapping_for(fmt, column_map and column_map._mapping())
            orders, errors = order_file.parse_orders(header, rows, mapping, **options)
        except order_file.FileError as exc:
            raise UserError(self._msg(exc.args[0])) from exc
        issues = [(row, ref, "error", self._msg(msg)) for row, ref, msg in errors]
        result = {
            "format": fmt or "custom",
            "orders": orders,
            "issues": issues,
            "column_map": column_map,
            "line_count": sum(len(o["lines"]) for o in orders),
        }
        self._check_orders(team, result)
        issues.sort(key=lambda i: (i[0], i[2]))
        return result

    @api.model
    def _check_orders(self, team, result):
        orders, issues = result["orders"], result["issues"]
        company = team.company_id or self.env.company
        # currencies
        codes = {o["currency"] for o in orders if o.get("currency")}
        currencies = {
            c.name: c
            for c in self.env["res.currency"].search([("name", "in", list(codes))])
        }
        for order in orders:
            code = order.get("currency")
            if code and code not in currencies:
                issues.append(
                    (
                        order["first_row"],
                        order["ref"],
                        "error",
                        self.env._(
                            "The currency %(currency)s is not active in Odoo "
                            "(Accounting > Configuration > Currencies).",
                            currency=code,
                        ),
                    )
                )
        result["currencies"] = currencies
        # countries
        countries = self._country_index()
        for order in orders:
            for kind in ("billing", "shipping"):
                value = order.get(f"{kind}_country")
                if value and self._country(countries, value) is None:
                    issues.append(
                        (
                            order["first_row"],
                            order["ref"],
                            "error",
                            self.env._(
                                "The country %(country)s is not known.",
                                country=value,
                            ),
                        )
                    )
        result["countries"] = countries
        # products
        codes = {
            (line.get("line_gtin") or "", line.get("line_sku") or "")
            for order in orders
            for line in order["lines"]
        }
        products = self._match_products(company, codes)
        result["products"] = products
        for order in orders:
            for line in order["lines"]:
                code = (line.get("line_gtin") or "", line.get("line_sku") or "")
                if code not in products:
                    issues.append(
                        (
                            line["row"],
                            order["ref"],
                            "warning",
                            self.env._(
                                "Product %(name)s (SKU %(sku)s, GTIN %(gtin)s) is "
                                "not known: the line is imported as an unknown "
                                "product, to be chosen on the order.",
                                name=line.get("line_name") or "-",
                                sku=code[1] or "-",
                                gtin=code[0] or "-",
                            ),
                        )
                    )
        # orders already imported
        done = self._existing_bindings(team, [o["ref"] for o in orders])
        result["existing"] = done
        for order in orders:
            binding = done.get(order["ref"])
            if binding:
                issues.append(
                    (
                        order["first_row"],
                        order["ref"],
                        "info",
                        self.env._(
                            "Already imported (%(order)s): skipped.",
                            order=binding.sale_order_id.name or "-",
                        ),
                    )
                )

    @api.model
    def _existing_bindings(self, team, refs):
        Binding = self.env["sale.channel.order.binding"]
        return {
            b.external_id: b
            for b in Binding.search(
                [("team_id", "=", team.id), ("external_id", "in", refs)]
            )
        }

    @api.model
    def _country_index(self):
        """{ISO code or name in English, French or German: country id}, from one
        read of the ~250 countries."""
        index = {}
        Country = self.env["res.country"].with_context(lang="en_US")
        countries = Country.search_fetch([("code", "!=", False)], ["code", "name"])
        for country in countries:
            index[country.code.upper()] = country.id
            index[country.name.lower()] = country.id
        for lang in ("fr_FR", "de_DE"):
            if self.env["res.lang"]._lang_get(lang):
                for country in countries.with_context(lang=lang):
                    index.setdefault(country.name.lower(), country.id)
        return index

    @api.model
    def _country(self, index, value):
        text = str(value or "").strip()
        return index.get(text.upper()) or index.get(text.lower())

    # -- products ----------
    @api.model
    def _match_products(self, company, codes):
        """{(gtin, sku): product.product}: GTIN in any notation (product_gtin),
        then the SKU as a GTIN (stores often put the EAN there), then the SKU as
        internal reference. Active products of ``company`` or shared."""
        codes = set(codes)
        gtins = {g for g, _s in codes if g}
        skus = {s for _g, s in codes if s}
        Product = self.env["product.product"].with_context(active_test=True)
        by_gtin = Product._match_gtin(gtins | skus, company=company) if codes else {}
        by_sku = {}
        if skus:
            for product in Product.search(
                [
                    ("default_code", "in", list(skus)),
                    ("company_id", "in", [False, company.id]),
                ],
                order="id",
            ):
                by_sku.setdefault(product.default_code, product)
        result = {}
        for gtin, sku in codes:
            product = (
                (gtin and by_gtin.get(gtin))
                or (sku and by_sku.get(sku))
                or (sku and by_gtin.get(sku))
            )
            if product:
                result[gtin, sku] = product
        return result

    # -- importing ----------
    @api.model
    def _import_file(self, team, data, filename=""):
        """Create the orders of a file: all of them, or none (UserError).

        Returns (created sale orders, number of orders skipped as already
        imported)."""
        result = self._check_file(team, data, filename)
        errors = [i for i in result["issues"] if i[2] == "error"]
        if errors:
            shown = "\n".join(
                self.env._("Row %(row)s (%(ref)s): %(msg)s", row=r, ref=o or "-", msg=m)
                for r, o, _l, m in errors[:20]
            )
            raise UserError(
                self.env._(
                    "The file has %(count)s errors; nothing was imported.\n%(errors)s",
                    count=len(errors),
                    errors=shown,
                )
            )
        orders = [o for o in result["orders"] if o["ref"] not in result["existing"]]
        claimed = self._lock_orders(team, orders)
        skipped = len(result["orders"]) - len(claimed)
        if not claimed:
            return self.env["sale.order"], skipped
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                sale_orders = self._create_orders(team, claimed, result, filename)
        except CONCURRENT_WRITE_ERRORS as exc:
            raise UserError(
                self.env._(
                    "Another import created some of these orders or customers at "
                    "the same moment; nothing was imported. Import the file again: "
                    "what is already there will be skipped."
                )
            ) from exc
        return sale_orders, skipped

    @api.model
    def _lock_orders(self, team, orders):
        """The orders this transaction may create: a transaction-level advisory
        lock per (channel, order number), taken in one query, and no binding seen
        once the lock is held."""
        if not orders:
            return []
        cr = self.env.cr
        keys = [lock_key("sale_channel_order", team.id, o["ref"]) for o in orders]
        cr.execute(
            SQL(
                "SELECT k FROM unnest(%s::bigint[]) AS k "
                "WHERE pg_try_advisory_xact_lock(k)",
                keys,
            )
        )
        locked = {row[0] for row in cr.fetchall()}
        mine = [o for o, k in zip(orders, keys, strict=True) if k in locked]
        done = self._existing_bindings(team, [o["ref"] for o in mine])
        return [o for o in mine if o["ref"] not in done]

    @api.model
    def _create_orders(self, team, orders, result, filename):
        company = team.company_id or self.env.company
        partners = self._partners_for(orders, result["countries"], company)
        unknown = self.env.ref("sale_channel_order_import.product_channel_unknown")
        shipping = self.env.ref("sale_channel_order_import.product_channel_shipping")
        discount = self.env.ref("sale_channel_order_import.product_channel_discount")
        column_map = result["column_map"]
        default_currency = column_map.default_currency_id or company.currency_id
        pricelists = {}
        vals_list, included = [], []
        for order, (customer, invoice, delivery) in zip(orders, partners, strict=True):
            currency = result["currencies"].get(order.get("currency")) or (
                default_currency
            )
            if currency not in pricelists:
                pricelists[currency] = self._pricelist(team, company, currency)
            lines = []
            for line in order["lines"]:
                code = (line.get("line_gtin") or "", line.get("line_sku") or "")
                product = result["products"].get(code)
                vals = {
                    "product_id": (product or unknown).id,
                    "product_uom_qty": float(line["line_qty"]),
                    "price_unit": float(line["line_price"]),
                    "channel_sku": code[1] or False,
                    "channel_gtin": code[0] or False,
                }
                if not product:
                    vals["name"] = self.env._(
                        "Unknown product %(name)s (SKU %(sku)s, GTIN %(gtin)s)",
                        name=line.get("line_name") or "-",
                        sku=code[1] or "-",
                        gtin=code[0] or "-",
                    )
                lines.append(fields.Command.create(vals))
            if order.get("shipping_amount"):
                lines.append(
                    fields.Command.create(
                        {
                            "product_id": shipping.id,
                            "name": order.get("shipping_method") or shipping.name,
                            "product_uom_qty": 1,
                            "price_unit": float(order["shipping_amount"]),
                        }
                    )
                )
            if order.get("discount_amount"):
                lines.append(
                    fields.Command.create(
                        {
                            "product_id": discount.id,
                            "product_uom_qty": 1,
                            "price_unit": -abs(float(order["discount_amount"])),
                        }
                    )
                )
            vals = {
                "partner_id": customer.id,
                "partner_invoice_id": invoice.id,
                "partner_shipping_id": delivery.id,
                "company_id": company.id,
                "team_id": team.id,
                "client_order_ref": order["ref"],
                "origin": f"{team.name} {order['ref']}",
                "order_line": lines,
            }
            if pricelists[currency]:
                vals["pricelist_id"] = pricelists[currency].id
            if order.get("order_date"):
                vals["date_order"] = order["order_date"]
            vals_list.append(vals)
            taxes_included = order.get("taxes_included")
            if taxes_included is None:
                taxes_included = column_map.prices_include_vat
            included.append(taxes_included)
        sale_orders = (
            self.env["sale.order"]
            .with_company(company)
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(vals_list)
        )
        with_vat = sale_orders.browse(
            so.id for so, inc in zip(sale_orders, included, strict=True) if inc
        )
        if with_vat:
            self._use_price_included_taxes(with_vat.order_line)
        self.env["sale.channel.order.binding"].create(
            [
                {
                    "team_id": team.id,
                    "company_id": company.id,
                    "external_id": order["ref"],
                    "sale_order_id": so.id,
                    "file_name": filename or False,
                }
                for order, so in zip(orders, sale_orders, strict=True)
            ]
        )
        self.env.flush_all()
        return sale_orders

    @api.model
    def _pricelist(self, team, company, currency):
        """A pricelist in ``currency`` (None: the default one, company currency)."""
        Pricelist = self.env["product.pricelist"]
        found = Pricelist.search(
            [
                ("currency_id", "=", currency.id),
                ("company_id", "in", [False, company.id]),
            ],
            limit=1,
        )
        if found or currency == company.currency_id:
            return found or None
        return Pricelist.create(
            {
                "name": f"{team.name} {currency.name}",
                "currency_id": currency.id,
                "company_id": company.id,
            }
        )

    # -- VAT-included prices ----------
    @api.model
    def _use_price_included_taxes(self, lines):
        """The file's prices include VAT: swap every price-excluded tax chosen for
        a line (by Odoo, a fiscal position or the OSS decision) for its
        VAT-included twin (same rate, group and accounts), so that the price stays
        the one the customer paid. The same approach as the Letzshop connector."""
        twins = {}
        by_taxes = defaultdict(lambda: self.env["sale.order.line"])
        for line in lines:
            if line.tax_ids and not all(t.price_include for t in line.tax_ids):
                by_taxes[line.tax_ids] |= line
        for taxes, group in by_taxes.items():
            new = self.env["account.tax"]
            for tax in taxes:
                new |= self._tax_twin(tax, twins)
            group.write({"tax_ids": [fields.Command.set(new.ids)]})

    @api.model
    def _tax_twin(self, tax, twins):
        if tax.price_include:
            return tax
        if tax.id not in twins:
            twin = self.env["account.tax"].search(
                [
                    ("company_id", "=", tax.company_id.id),
                    ("type_tax_use", "=", tax.type_tax_use),
                    ("amount_type", "=", tax.amount_type),
                    ("amount", "=", tax.amount),
                    ("tax_group_id", "=", tax.tax_group_id.id),
                    ("country_id", "=", tax.country_id.id),
                    ("price_include_override", "=", "tax_included"),
                ],
                limit=1,
            )
            if not twin:
                # sudo: a sales manager cannot create taxes; the twin copies the
                # accountant's tax (rate, accounts, tax grids) and only marks its
                # price as VAT-included.
                twin = (
                    tax.sudo()
                    .copy(
                        {
                            "name": self.env._("%(tax)s (VAT incl.)", tax=tax.name),
                            "price_include_override": "tax_included",
                        }
                    )
                    .sudo(False)
                )
            twins[tax.id] = twin
        return twins[tax.id]

    # -- customers ----------
    @api.model
    def _partners_for(self, orders, countries, company):
        """[(customer, invoice address, delivery address)] per order.

        Customers are found by e-mail whatever its case (``email_normalized``),
        or created once per e-mail; addresses are reused when identical. Two
        imports creating the same customer at once are stopped by the unique
        ``channel_import_email`` of res.partner."""
        Partner = self.env["res.partner"]
        keys = {email_key(o.get("email")) for o in orders} - {""}
        found = {}
        if keys:
            for partner in Partner.search(
                [
                    "|",
                    ("channel_import_email", "in", list(keys)),
                    ("email_normalized", "in", list(keys)),
                    ("parent_id", "=", False),
                    ("company_id", "in", [False, company.id]),
                ],
                order="id",
            ):
                found.setdefault(
                    partner.channel_import_email or partner.email_normalized, partner
                )
            # sudo: only to learn whether a key is held by a partner this import
            # cannot use (archived, other company): its customer is then created
            # without the key instead of colliding with it.
            held = set(
                Partner.sudo()
                .with_context(active_test=False)
                .search([("channel_import_email", "in", list(keys - set(found)))])
                .mapped("channel_import_email")
            )
        else:
            held = set()
        prepared, new = [], {}
        for index, order in enumerate(orders):
            email = (order.get("email") or "").strip()
            bill = self._address_vals(order, "billing", countries)
            ship = self._address_vals(order, "shipping", countries)
            if not any(ship[f] for f in ("street", "city", "zip")):
                ship = dict(bill, name=ship["name"] or bill["name"])
            key = email_key(email) or f"#no-email-{index}"
            if key not in found and key not in new:
                new[key] = dict(
                    bill,
                    name=bill["name"] or ship["name"] or email or order["ref"],
                    email=email or False,
                    channel_import_email=(
                        email_key(email) if email and key not in held else False
                    ),
                    company_id=False,
                    customer_rank=1,
                )
            prepared.append((key, bill, ship))
        if new:
            created = Partner.create(list(new.values()))
            found.update(zip(new, created, strict=True))
        children = defaultdict(list)
        for child in Partner.search(
            [("parent_id", "in", [p.id for p in found.values()])]
        ):
            children[child.parent_id.id].append(child)
        wanted = {}

        def address(customer, vals, kind):
            if not vals["name"] and not any(vals[f] for f in ADDRESS_FIELDS):
                return customer
            if _same_address(customer, vals):
                return customer
            for child in children.get(customer.id, ()):
                if child.type == kind and _same_address(child, vals):
                    return child
            key = (customer.id, kind, tuple(vals[f] for f in ADDRESS_FIELDS))
            wanted.setdefault(key, dict(vals, type=kind, parent_id=customer.id))
            return key

        refs = [
            (
                found[key],
                address(found[key], bill, "invoice"),
                address(found[key], ship, "delivery"),
            )
            for key, bill, ship in prepared
        ]
        made = {}
        if wanted:
            made = dict(zip(wanted, Partner.create(list(wanted.values())), strict=True))
        return [
            tuple(made[p] if isinstance(p, tuple) else p for p in triple)
            for triple in refs
        ]

    @api.model
    def _address_vals(self, order, kind, countries):
        raw = order_file.partner_values(order, kind)
        return {
            "name": raw["name"],
            "street": raw["street"] or False,
            "street2": raw["street2"] or False,
            "city": raw["city"] or False,
            "zip": raw["zip"] or False,
            "country_id": self._country(countries, raw["country"]) or False,
        }


ADDRESS_FIELDS = ("street", "street2", "city", "zip", "country_id")


def _same_address(partner, vals):
    return all(
        (partner[f].id if f == "country_id" else partner[f] or False)
        == (vals[f] or False)
        for f in ADDRESS_FIELDS
    ) and (not vals["name"] or partner.name == vals["name"])
