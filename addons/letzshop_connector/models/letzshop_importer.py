"""Letzshop shipments -> ``letzshop.shipment`` bindings and sale orders.

An AbstractModel (a service, no table), in the way OCA's connector separates an
importer from its binding: the binding model (``letzshop_shipment.py``) holds the
state of one shipment; this file holds how a page of shipments is claimed, matched
and turned into orders; ``letzshop_mapper.py`` holds the ORM-free translation of
Letzshop's JSON into values.
"""

import hashlib
import logging

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, mute_logger

from odoo.addons.queue_job.exception import RetryableJobError

from .. import letzshop_mapper as mapper

_logger = logging.getLogger(__name__)

#: PostgreSQL errors that mean "another worker wrote the same row meanwhile":
#: the job is retried with a fresh snapshot instead of failing.
CONCURRENT_WRITE_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.UniqueViolation,
)


def lock_key(*parts):
    """A signed 64-bit key for ``pg_try_advisory_xact_lock(bigint)``.

    64 bits (from SHA-256) rather than a 32-bit CRC, so that two different
    shipments practically never share a lock."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def error_text(exc):
    if isinstance(exc, UserError):
        return exc.args[0]
    return f"{exc.__class__.__name__}: {exc}"


class LetzshopImporter(models.AbstractModel):
    _name = "letzshop.importer"
    _description = "Letzshop Order Importer"

    # -- one page ----------
    @api.model
    def _import_page(self, account, nodes, counts, errors):
        """Import one page of shipment dicts for ``account``.

        New shipments are claimed (advisory lock + unique constraint) and their
        orders created in one batch; a batch that fails is redone shipment by
        shipment so that one bad shipment does not block the others. A write
        that collides with another worker's (same customer created at the same
        moment) is not a bad shipment: the job is retried as a whole."""
        Shipment = self.env["letzshop.shipment"]
        ids = [str(n["id"]) for n in nodes if n.get("id")]
        existing = {
            s.letzshop_id: s
            for s in Shipment.search(
                [("account_id", "=", account.id), ("letzshop_id", "in", ids)]
            )
        }
        new_nodes = []
        for node in nodes:
            ref = str(node.get("number") or node.get("id") or "?")
            try:
                letzshop_id = str(node["id"])
                if letzshop_id in existing:
                    with self.env.cr.savepoint():
                        changed = self._update_shipment(existing[letzshop_id], node)
                    counts["updated" if changed else "skipped"] += 1
                    continue
                new_nodes.append(node)
            except (RetryableJobError, *CONCURRENT_WRITE_ERRORS):
                raise
            except Exception as exc:
                _logger.info("Letzshop shipment %s not imported", ref, exc_info=True)
                counts["failed"] += 1
                errors.append((ref, error_text(exc)))
        claimed = self._claim_many(account, new_nodes)
        counts["skipped"] += len(new_nodes) - len(claimed)  # another worker has them
        if not claimed:
            return
        try:
            with self.env.cr.savepoint():
                self._create_orders(account, claimed)
            counts["imported"] += len(claimed)
        except (RetryableJobError, *CONCURRENT_WRITE_ERRORS):
            raise
        except Exception:
            _logger.info("Letzshop batch failed, importing one by one", exc_info=True)
            for shipment, node in claimed:
                try:
                    with self.env.cr.savepoint():
                        self._create_orders(account, [(shipment, node)])
                    counts["imported"] += 1
                except (RetryableJobError, *CONCURRENT_WRITE_ERRORS):
                    raise
                except Exception as exc:
                    _logger.info(
                        "Letzshop shipment %s not imported",
                        shipment.name,
                        exc_info=True,
                    )
                    counts["failed"] += 1
                    errors.append((shipment.name, error_text(exc)))
                    # The claim stays (raw payload kept, no order): shown as failed
                    # with its payload; the next sync redoes it.
                    shipment.write(
                        {"raw_payload": node, "decision_error": error_text(exc)}
                    )
        if account.auto_decide:
            orders = Shipment.browse(s.id for s, _n in claimed).sale_order_id
            orders._letzshop_auto_decide()

    # -- claims ----------
    @api.model
    def _claim_many(self, account, nodes):
        """Claim a page of new shipments in one statement; [(shipment, node)].

        When PostgreSQL refuses the batch (a row inserted meanwhile by another
        worker), each shipment is claimed on its own."""
        if not nodes:
            return []
        cr = self.env.cr
        rows = [
            (str(n["id"]), mapper.shipment_name(n), lock_key(account.id, n["id"]))
            for n in nodes
        ]
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        """
                        WITH page AS (
                            SELECT lid, name, key
                              FROM unnest(%(lids)s::varchar[], %(names)s::varchar[],
                                          %(keys)s::bigint[]) AS p(lid, name, key)
                        ), mine AS (
                            SELECT lid, name FROM page
                             WHERE pg_try_advisory_xact_lock(key)
                        )
                        INSERT INTO letzshop_shipment
                               (account_id, company_id, letzshop_id, name,
                                decision_state, create_uid, write_uid,
                                create_date, write_date)
                        SELECT %(account)s, %(company)s, lid, name, 'to_decide',
                               %(uid)s, %(uid)s, %(now)s, %(now)s
                          FROM mine
                        ON CONFLICT (account_id, letzshop_id) DO NOTHING
                        RETURNING letzshop_id, id
                        """,
                        lids=[r[0] for r in rows],
                        names=[r[1] for r in rows],
                        keys=[r[2] for r in rows],
                        account=account.id,
                        company=account.company_id.id,
                        uid=self.env.uid,
                        now=cr.now(),
                    ),
                    log_exceptions=False,
                )
                ids = dict(cr.fetchall())
        except CONCURRENT_WRITE_ERRORS:
            claimed = [(self._claim(account, node), node) for node in nodes]
            return [(shipment, node) for shipment, node in claimed if shipment]
        Shipment = self.env["letzshop.shipment"]
        return [
            (Shipment.browse(ids[str(node["id"])]), node)
            for node in nodes
            if str(node["id"]) in ids
        ]

    @api.model
    def _claim(self, account, node):
        """Insert the binding row, or return None when another transaction holds it.

        A transaction-level advisory lock serialises workers on the same shipment;
        the unique constraint settles the case of a worker whose snapshot predates
        the other's commit (PostgreSQL answers it with a serialisation failure)."""
        letzshop_id = str(node["id"])
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s)",
                lock_key(account.id, letzshop_id),
            )
        )
        if not cr.fetchone()[0]:
            return None
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        """
                        INSERT INTO letzshop_shipment
                               (account_id, company_id, letzshop_id, name,
                                decision_state, create_uid, write_uid,
                                create_date, write_date)
                        VALUES (%(account)s, %(company)s, %(lid)s, %(name)s,
                                'to_decide', %(uid)s, %(uid)s, %(now)s, %(now)s)
                        ON CONFLICT (account_id, letzshop_id) DO NOTHING
                        RETURNING id
                        """,
                        account=account.id,
                        company=account.company_id.id,
                        lid=letzshop_id,
                        name=mapper.shipment_name(node),
                        uid=self.env.uid,
                        now=cr.now(),
                    ),
                    log_exceptions=False,
                )
                row = cr.fetchone()
        except CONCURRENT_WRITE_ERRORS:
            return None
        return self.env["letzshop.shipment"].browse(row[0]) if row else None

    # -- a shipment seen again ----------
    @api.model
    def _update_shipment(self, shipment, node):
        """Refresh a known shipment (catch-up or retry). True if it changed."""
        if not shipment.sale_order_id:
            # A claim whose order creation failed earlier: try again now.
            with self.env.cr.savepoint():
                self._create_orders(shipment.account_id, [(shipment, node)])
            return True
        changed = shipment.state != node.get("state") or shipment.raw_payload != node
        if changed:
            states = {
                str(u["id"]): u["state"] for u in node.get("inventoryUnits") or []
            }
            shipment.write(self._shipment_vals(node))
            shipment._letzshop_apply_unit_states(states)
        return changed

    @api.model
    def _shipment_vals(self, node):
        Shipment = self.env["letzshop.shipment"]
        return mapper.shipment_vals(node, dict(Shipment._fields["state"].selection))

    # -- orders ----------
    @api.model
    def _create_orders(self, account, claimed):
        """Sale orders (one batch) for [(claimed shipment, node)]."""
        nodes = [node for _s, node in claimed]
        products = self._match_products(account.company_id, mapper.product_codes(nodes))
        country_ids = {
            c.code: c.id
            for c in self.env["res.country"].search(
                [("code", "in", list(mapper.country_isos(nodes)))]
            )
        }
        partners = self._partners_for(
            [node.get("order") or {} for node in nodes], country_ids
        )
        placeholder = self.env.ref("letzshop_connector.product_letzshop_unmapped")
        # One recordset, so that the shipments are read together (prefetch), not
        # one query per shipment.
        shipments = self.env["letzshop.shipment"].browse([s.id for s, _n in claimed])
        order_vals = []
        for shipment, node, triple in zip(shipments, nodes, partners, strict=True):
            order_vals.append(
                self._order_vals(account, shipment, node, triple, products, placeholder)
            )
        orders = (
            self.env["sale.order"]
            .with_company(account.company_id)
            .with_context(
                mail_create_nolog=True,
                tracking_disable=True,
                letzshop_price_included_taxes=account.prices_include_vat,
            )
            .create(order_vals)
            .with_context(letzshop_price_included_taxes=False)
        )
        for shipment, node, order in zip(shipments, nodes, orders, strict=True):
            shipment.write(dict(self._shipment_vals(node), sale_order_id=order.id))
        if account.prices_include_vat:
            # Nothing left to do when the taxes were chosen VAT-included at once
            # (see sale.order.line's _compute_tax_ids).
            orders.order_line._letzshop_use_price_included_taxes({})
        return orders

    @api.model
    def _order_vals(self, account, shipment, node, partners, products, placeholder):
        order = node.get("order") or {}
        customer, invoice, delivery = partners
        lines = []
        for key, variant, units in mapper.line_groups(node):
            product = products.get(mapper.variant_codes(variant))
            vals = mapper.line_vals(key, variant, units)
            vals["product_id"] = (product or placeholder).id
            if not product:
                barcode, sku = mapper.variant_codes(variant)
                vals["name"] = self.env._(
                    "Unknown Letzshop product %(label)s (SKU %(sku)s, EAN %(ean)s)",
                    label=mapper.variant_label(variant),
                    sku=sku or "-",
                    ean=barcode or "-",
                )
            lines.append(fields.Command.create(vals))
        vals = {
            "partner_id": customer.id,
            "partner_invoice_id": invoice.id,
            "partner_shipping_id": delivery.id,
            "company_id": account.company_id.id,
            "team_id": account.team_id.id,
            "warehouse_id": account.warehouse_id.id,
            "client_order_ref": order.get("number") or shipment.name,
            "origin": f"Letzshop {shipment.name}",
            "letzshop_shipment_id": shipment.id,
            "order_line": lines,
        }
        completed = mapper.parse_datetime(order.get("completedAt"))
        if completed:
            vals["date_order"] = completed
        return vals

    # -- products ----------
    @api.model
    def _match_products(self, company, codes):
        """{(barcode, sku): product.product} for the codes Odoo knows.

        The one place that decides which product a Letzshop variant is: the
        barcode (exact, then as a GS1 GTIN in any notation, see product_gtin)
        wins, then the internal reference; active products of ``company`` or
        shared. Codes without a product are left out."""
        codes = set(codes)
        barcodes = {b for b, _s in codes if b}
        skus = {s for _b, s in codes if s}
        Product = self.env["product.product"].with_context(active_test=True)
        company_domain = [("company_id", "in", [False, company.id])]
        by_barcode, by_sku = {}, {}
        if barcodes:
            for product in Product.search(
                [("barcode", "in", list(barcodes)), *company_domain], order="id"
            ):
                by_barcode.setdefault(product.barcode, product)
            # The same GTIN written otherwise (GTIN-14, UPC-A, leading zeros): the
            # shared normalisation of product_gtin, one query for all the codes.
            by_barcode.update(
                Product._match_gtin(barcodes - by_barcode.keys(), company=company)
            )
        if skus:
            for product in Product.search(
                [("default_code", "in", list(skus)), *company_domain], order="id"
            ):
                by_sku.setdefault(product.default_code, product)
        result = {}
        for barcode, sku in codes:
            product = by_barcode.get(barcode) or by_sku.get(sku)
            if product:
                result[barcode, sku] = product
        return result

    # -- customers ----------
    @api.model
    def _partners_for(self, orders, country_ids):
        """[(customer, invoice address, delivery address)] for Letzshop order dicts.

        Customers are found by e-mail, whatever its case, or created; addresses
        are reused when identical. Two workers creating the same customer at once
        are stopped by the unique ``letzshop_email`` of res.partner: the second
        one's job is retried and finds the first one's customer."""
        Partner = self.env["res.partner"]
        langs = {code for code, _name in self.env["res.lang"].get_installed()}
        keys = {mapper.email_key(o.get("email")) for o in orders} - {""}
        customers, taken = self._find_customers(keys)
        prepared, new_customers = [], {}
        for index, order in enumerate(orders):
            email = (order.get("email") or "").strip()
            bill, ship = mapper.order_addresses(order, country_ids)
            key = mapper.email_key(email) or f"#no-email-{index}"
            if key not in customers and key not in new_customers:
                new_customers[key] = dict(
                    bill,
                    name=bill["name"] or email or self.env._("Letzshop customer"),
                    email=email or False,
                    letzshop_email=(key not in taken and mapper.email_key(email))
                    or False,
                    lang=mapper.lang_for_locale(order.get("locale"), langs),
                    company_id=False,
                    customer_rank=1,
                )
            prepared.append((key, bill, ship))
        if new_customers:
            try:
                # mute: a collision is expected and handled (retry), not a bad query
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    created = Partner.create(list(new_customers.values()))
                    created.flush_recordset()
            except CONCURRENT_WRITE_ERRORS as exc:
                raise RetryableJobError(
                    self.env._(
                        "A customer of this page was created by another import at "
                        "the same moment; retrying."
                    ),
                    seconds=5,
                ) from exc
            customers.update(zip(new_customers, created, strict=True))
        children = {}
        if customers:
            for child in Partner.search(
                [("parent_id", "in", [p.id for p in customers.values()])]
            ):
                children.setdefault(child.parent_id.id, []).append(child)
        wanted = {}

        def address(customer, vals, kind):
            if _same_address(customer, vals):
                return customer
            for child in children.get(customer.id, ()):
                if child.type == kind and _same_address(child, vals):
                    return child
            key = (customer.id, kind, tuple(vals[f] for f in mapper.ADDRESS_FIELDS))
            wanted.setdefault(
                key, dict(vals, type=kind, parent_id=customer.id, company_name=False)
            )
            return key

        refs = [
            (
                customers[key],
                address(customers[key], bill, "invoice"),
                address(customers[key], ship, "delivery"),
            )
            for key, bill, ship in prepared
        ]
        created_children = {}
        if wanted:
            created = Partner.create(list(wanted.values()))
            created_children = dict(zip(wanted, created, strict=True))
        return [
            tuple(created_children[p] if isinstance(p, tuple) else p for p in triple)
            for triple in refs
        ]

    @api.model
    def _find_customers(self, keys):
        """({e-mail key: customer}, keys already bound to a partner not usable
        here): one commercial partner per e-mail, matched without regard to case
        (``email_normalized`` is lower case)."""
        if not keys:
            return {}, set()
        Partner = self.env["res.partner"]
        company = self.env.company
        found = {}
        for partner in Partner.search(
            [
                "|",
                ("letzshop_email", "in", list(keys)),
                ("email_normalized", "in", list(keys)),
                ("parent_id", "=", False),
                ("company_id", "in", [False, company.id]),
            ],
            order="id",
        ):
            found.setdefault(
                partner.letzshop_email or partner.email_normalized, partner
            )
        # sudo: only to learn whether a key is held by a partner this import
        # cannot use (archived, or of another company); its new customer is then
        # created without the key instead of colliding with it forever.
        held = (
            Partner.sudo()
            .with_context(active_test=False)
            .search([("letzshop_email", "in", list(keys - set(found)))])
        )
        return found, set(held.mapped("letzshop_email"))


def _same_address(partner, vals):
    return all(
        (partner[f].id if f == "country_id" else partner[f] or False)
        == (vals[f] or False)
        for f in mapper.ADDRESS_FIELDS
    )
