import json
import logging
import zlib
from collections import defaultdict
from datetime import UTC, datetime

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import letzshop_api
from .. import letzshop_schema as schema

_logger = logging.getLogger(__name__)

ADDRESS_KEY = ("name", "street", "zip", "city", "country_id")
LOCALE_LANGS = {"fr": "fr_FR", "de": "de_DE", "en": "en_US", "lb": "lb_LU"}


class LetzshopShipment(models.Model):
    """One Letzshop shipment, bound to the sale order it became.

    The (account, Letzshop id) pair is unique in the database: importing the same
    shipment twice, or from two workers at once, cannot give two orders."""

    _name = "letzshop.shipment"
    _description = "Letzshop Shipment"
    _order = "completed_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Shipment", required=True, readonly=True)
    letzshop_id = fields.Char(string="Letzshop ID", required=True, readonly=True)
    account_id = fields.Many2one(
        "letzshop.account",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(
        related="account_id.company_id", store=True, index=True, readonly=True
    )
    order_number = fields.Char(string="Letzshop Order", readonly=True, index="btree")
    letzshop_order_id = fields.Char(string="Letzshop Order ID", readonly=True)
    completed_date = fields.Datetime(string="Ordered On", readonly=True)
    customer_email = fields.Char(readonly=True)
    letzshop_total = fields.Float(readonly=True, digits="Product Price")
    state = fields.Selection(
        [
            ("unconfirmed", "Unconfirmed"),
            ("confirmed", "Confirmed"),
            ("declined", "Declined"),
        ],
        string="Letzshop Status",
        readonly=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order", readonly=True, index="btree_not_null", ondelete="set null"
    )
    decision_state = fields.Selection(
        [
            ("to_decide", "To Decide"),
            ("queued", "Sending"),
            ("done", "Decided"),
            ("failed", "Failed"),
        ],
        default="to_decide",
        readonly=True,
    )
    decision_error = fields.Text(readonly=True)
    needs_attention = fields.Boolean(
        related="sale_order_id.letzshop_needs_attention", store=True, readonly=True
    )
    unknown_products = fields.Text(related="sale_order_id.letzshop_unknown_products")
    tracking_code = fields.Char(readonly=True)
    tracking_provider = fields.Char(readonly=True)
    tracking_state = fields.Selection(
        [("queued", "Sending"), ("sent", "Sent"), ("failed", "Failed")], readonly=True
    )
    tracking_sent_date = fields.Datetime(readonly=True)
    tracking_error = fields.Text(readonly=True)
    raw_payload = fields.Json(
        string="Payload (JSON)", readonly=True, help="The shipment as Letzshop sent it."
    )
    raw_payload_text = fields.Text(
        string="Raw Payload", compute="_compute_raw_payload_text", readonly=True
    )

    _letzshop_id_uniq = models.Constraint(
        "UNIQUE(account_id, letzshop_id)",
        "This Letzshop shipment is already imported for this account.",
    )

    @api.depends("raw_payload")
    def _compute_raw_payload_text(self):
        for shipment in self:
            shipment.raw_payload_text = json.dumps(shipment.raw_payload or {}, indent=2)

    def action_open_order(self):
        self.ensure_one()
        return (
            self.sale_order_id._get_formview_action() if self.sale_order_id else False
        )

    # -- import ----------------------------------------------------------------------
    @api.model
    def _letzshop_import_page(self, account, nodes, counts, errors):
        """Import one page of shipment dicts for ``account``.

        New shipments are claimed one by one (lock + unique constraint) and their
        orders created in one batch; a batch that fails is redone shipment by
        shipment so that one bad shipment does not block the others."""
        cache = _PageCache(self.env, account, nodes)
        existing = {
            s.letzshop_id: s
            for s in self.search(
                [
                    ("account_id", "=", account.id),
                    (
                        "letzshop_id",
                        "in",
                        [str(n.get("id")) for n in nodes if n.get("id")],
                    ),
                ]
            )
        }
        new_nodes = []
        for node in nodes:
            ref = str(node.get("number") or node.get("id") or "?")
            try:
                letzshop_id = str(node["id"])
                if letzshop_id in existing:
                    with self.env.cr.savepoint():
                        changed = existing[letzshop_id]._letzshop_update_from(node)
                    counts["updated" if changed else "skipped"] += 1
                    continue
                new_nodes.append(node)
            except Exception as exc:
                _logger.info("Letzshop shipment %s not imported", ref, exc_info=True)
                counts["failed"] += 1
                errors.append((ref, _error_text(exc)))
        claimed = self._letzshop_claim_many(account, new_nodes)
        counts["skipped"] += len(new_nodes) - len(claimed)  # another worker has them
        if not claimed:
            return
        try:
            with self.env.cr.savepoint():
                self._letzshop_create_orders(account, claimed, cache)
            counts["imported"] += len(claimed)
        except Exception:
            _logger.info("Letzshop batch failed, importing one by one", exc_info=True)
            for shipment, node in claimed:
                try:
                    # A fresh cache: the failed savepoint took the records the
                    # previous one created (customers, taxes) with it.
                    cache = _PageCache(self.env, account, [node])
                    with self.env.cr.savepoint():
                        self._letzshop_create_orders(account, [(shipment, node)], cache)
                    counts["imported"] += 1
                except Exception as exc:
                    _logger.info(
                        "Letzshop shipment %s not imported",
                        shipment.name,
                        exc_info=True,
                    )
                    counts["failed"] += 1
                    errors.append((shipment.name, _error_text(exc)))
                    # The claim stays (raw payload kept, no order): shown as failed
                    # with its payload; "Retry Import" redoes it.
                    shipment.decision_error = _error_text(exc)
        if account.auto_decide:
            orders = self.browse(s.id for s, _n in claimed).sale_order_id
            orders._letzshop_auto_decide()

    @api.model
    def _letzshop_claim_many(self, account, nodes):
        """Claim a page of new shipments in one statement; [(shipment, node)].

        When PostgreSQL refuses the batch (a row inserted meanwhile by another
        worker), each shipment is claimed on its own."""
        if not nodes:
            return []
        cr = self.env.cr
        rows = [
            (
                str(node["id"]),
                str(
                    node.get("number")
                    or (node.get("order") or {}).get("number")
                    or node["id"]
                ),
                _lock_key(node["id"]),
            )
            for node in nodes
        ]
        try:
            with cr.savepoint(flush=False):
                cr.execute(
                    SQL(
                        """
                        WITH page AS (
                            SELECT lid, name, key
                              FROM unnest(%(lids)s::varchar[], %(names)s::varchar[],
                                          %(keys)s::int[]) AS p(lid, name, key)
                        ), mine AS (
                            SELECT lid, name FROM page
                             WHERE pg_try_advisory_xact_lock(%(account)s, key)
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
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.UniqueViolation):
            claimed = [(self._letzshop_claim(account, node), node) for node in nodes]
            return [(shipment, node) for shipment, node in claimed if shipment]
        return [
            (self.browse(ids[str(node["id"])]), node)
            for node in nodes
            if str(node["id"]) in ids
        ]

    @api.model
    def _letzshop_claim(self, account, node):
        """Insert the binding row, or return None when another transaction holds it.

        A transaction-level advisory lock serialises workers on the same shipment;
        the unique constraint settles the case of a worker whose snapshot predates
        the other's commit (PostgreSQL answers it with a serialisation failure)."""
        letzshop_id = str(node["id"])
        key = _lock_key(letzshop_id)
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", account.id, key))
        if not cr.fetchone()[0]:
            return None
        order = node.get("order") or {}
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
                        name=str(
                            node.get("number") or order.get("number") or letzshop_id
                        ),
                        uid=self.env.uid,
                        now=cr.now(),
                    ),
                    log_exceptions=False,
                )
                row = cr.fetchone()
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.UniqueViolation):
            return None
        return self.browse(row[0]) if row else None

    @api.model
    def _letzshop_create_orders(self, account, claimed, cache):
        order_vals = []
        partners = cache.partners_for([node.get("order") or {} for _s, node in claimed])
        for (shipment, node), triple in zip(claimed, partners, strict=True):
            shipment.write(shipment._letzshop_vals_from(node))
            order_vals.append(cache.order_vals(shipment, node, triple))
        orders = (
            self.env["sale.order"]
            .with_company(account.company_id)
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(order_vals)
        )
        for (shipment, _node), order in zip(claimed, orders, strict=True):
            shipment.sale_order_id = order
        if account.prices_include_vat:
            orders.order_line._letzshop_use_price_included_taxes(cache.twins)
        return orders

    def _letzshop_vals_from(self, node):
        order = node.get("order") or {}
        return {
            "name": str(node.get("number") or order.get("number") or node["id"]),
            "order_number": order.get("number"),
            "letzshop_order_id": order.get("id"),
            "completed_date": _parse_datetime(order.get("completedAt")),
            "customer_email": order.get("email"),
            "letzshop_total": float(order.get("total") or 0.0),
            "state": node.get("state")
            if node.get("state") in dict(self._fields["state"].selection)
            else False,
            "raw_payload": node,
            "decision_error": False,
        }

    def _letzshop_update_from(self, node):
        """A shipment seen again (catch-up or retry): refresh it. True if changed."""
        self.ensure_one()
        if not self.sale_order_id:
            # A claim whose order creation failed earlier: try again now.
            cache = _PageCache(self.env, self.account_id, [node])
            with self.env.cr.savepoint():
                self._letzshop_create_orders(self.account_id, [(self, node)], cache)
            return True
        states = {str(u["id"]): u["state"] for u in node.get("inventoryUnits") or []}
        changed = self.state != node.get("state") or self.raw_payload != node
        if changed:
            self.write(self._letzshop_vals_from(node))
            self._letzshop_apply_unit_states(states)
        return changed

    # -- decisions -------------------------------------------------------------------
    def _letzshop_apply_unit_states(self, states):
        """Record Letzshop's unit states on the lines and make the order follow:
        declined units leave the line, an order with every unit declined is
        cancelled, one with every unit decided and some confirmed is confirmed."""
        for shipment in self:
            order = shipment.sale_order_id
            lines = order.order_line.filtered("letzshop_unit_ids")
            for line in lines:
                units = dict(line.letzshop_unit_states or {})
                new = {
                    uid: states[uid] for uid in line.letzshop_unit_ids if uid in states
                }
                if not new or all(units.get(k) == v for k, v in new.items()):
                    continue
                units.update(new)
                vals = {"letzshop_unit_states": units}
                if order.state in ("draft", "sent"):
                    vals["product_uom_qty"] = sum(
                        1 for s in units.values() if s != schema.UNIT_STATE_DECLINED
                    )
                line.write(vals)
            all_states = [
                s for line in lines for s in (line.letzshop_unit_states or {}).values()
            ]
            if not all_states or schema.UNIT_STATE_PENDING in all_states:
                continue
            shipment.decision_state = "done"
            if order.state not in ("draft", "sent"):
                continue
            if all(s == schema.UNIT_STATE_DECLINED for s in all_states):
                order._action_cancel()
                continue
            blocker = order.with_context(
                letzshop_decided=True
            )._confirmation_error_message()
            if blocker:
                # Decided on Letzshop (e.g. in its back office) but Odoo cannot
                # confirm yet: the order waits for the vendor, who is told why.
                order.message_post(body=blocker)
            else:
                if shipment.account_id.prices_include_vat:
                    lines._letzshop_use_price_included_taxes()
                order.with_context(letzshop_decided=True).action_confirm()

    def _letzshop_enqueue_decision(self, attempt=0, eta=None):
        for shipment in self:
            shipment.decision_state = "queued"
            shipment.with_delay(
                channel="root.letzshop",
                eta=eta,
                description=self.env._(
                    "Letzshop: send decision for %(s)s", s=shipment.name
                ),
            )._letzshop_job_send_decision(attempt=attempt)

    def _letzshop_job_send_decision(self, attempt=0):
        """Job: confirm/decline every pending unit as the lines say."""
        self.ensure_one()
        # sudo: the decision may have been asked by a salesman; the job needs the
        # account's key and the shipment's payload, which the job alone reads.
        shipment = self.sudo().with_company(self.company_id)
        decisions = shipment.sale_order_id.order_line._letzshop_decisions()
        if not decisions:
            shipment.decision_state = "done"
            return "nothing to decide"
        account = shipment.account_id
        try:
            states = account._letzshop_client().confirm_inventory_units(decisions)
        except letzshop_api.LetzshopError as exc:
            retryable = getattr(exc, "retryable", False)
            shipment.write(
                {
                    "decision_state": "queued" if retryable else "failed",
                    "decision_error": str(exc),
                }
            )
            return account._letzshop_handle_fault(
                exc,
                "confirm",
                lambda eta, n: shipment._letzshop_enqueue_decision(attempt=n, eta=eta),
                attempt,
                shipment.name,
            )
        missing = [uid for uid, _a in decisions if uid not in states]
        if missing:
            # Letzshop did not echo some units: assume our decision (it accepted
            # the call) and say so in the log.
            states.update(
                {
                    uid: schema.UNIT_STATE_CONFIRMED
                    if ok
                    else schema.UNIT_STATE_DECLINED
                    for uid, ok in decisions
                    if uid in missing
                }
            )
        shipment.decision_error = False
        shipment._letzshop_apply_unit_states(states)
        confirmed = sum(1 for _u, ok in decisions if ok)
        account._letzshop_log(
            "confirm",
            "success",
            self.env._(
                "%(c)s unit(s) confirmed, %(d)s declined.",
                c=confirmed,
                d=len(decisions) - confirmed,
            ),
            shipment.name,
            updated=1,
        )
        return f"{confirmed}/{len(decisions)} confirmed"

    # -- tracking --------------------------------------------------------------------
    def _letzshop_enqueue_tracking(self, code, provider, attempt=0, eta=None):
        for shipment in self:
            shipment.write(
                {
                    "tracking_code": code,
                    "tracking_provider": provider,
                    "tracking_state": "queued",
                    "tracking_error": False,
                }
            )
            shipment.with_delay(
                channel="root.letzshop",
                eta=eta,
                description=self.env._(
                    "Letzshop: send tracking for %(s)s", s=shipment.name
                ),
            )._letzshop_job_send_tracking(code, provider, attempt=attempt)

    def _letzshop_job_send_tracking(self, code, provider, attempt=0):
        """Job: send a tracking number. Odoo keeps it whatever Letzshop answers."""
        self.ensure_one()
        # sudo: triggered by warehouse staff validating a delivery, who may not read
        # the shipment nor the account's key.
        shipment = self.sudo().with_company(self.company_id)
        account = shipment.account_id
        try:
            echoed = account._letzshop_client().set_tracking(
                shipment.letzshop_id, code, provider
            )
        except letzshop_api.LetzshopError as exc:
            shipment.write(
                {
                    "tracking_state": "queued" if exc.retryable else "failed",
                    "tracking_error": str(exc),
                }
            )
            return account._letzshop_handle_fault(
                exc,
                "tracking",
                lambda eta, n: shipment._letzshop_enqueue_tracking(
                    code, provider, attempt=n, eta=eta
                ),
                attempt,
                shipment.name,
            )
        shipment.write(
            {"tracking_state": "sent", "tracking_sent_date": fields.Datetime.now()}
        )
        note = ""
        if echoed.get("code") != code:
            # Known Letzshop quirk: the read-back of tracking is unreliable.
            note = self.env._(
                " Letzshop echoed %(echo)r; Odoo keeps %(code)s.",
                echo=echoed,
                code=code,
            )
        account._letzshop_log(
            "tracking",
            "success",
            self.env._(
                "Tracking %(code)s (%(provider)s) sent.", code=code, provider=provider
            )
            + note,
            shipment.name,
            updated=1,
        )
        return "sent"


class _PageCache:
    """Everything one page of shipments needs from the database, read in batches:
    products by barcode and SKU, customers by e-mail, countries, languages."""

    def __init__(self, env, account, nodes):
        self.env = env
        self.account = account
        units = [u for n in nodes for u in n.get("inventoryUnits") or []]
        variants = [u.get("variant") or {} for u in units]
        eans = {(v.get("tradeId") or {}).get("number") for v in variants} - {None, ""}
        skus = {v.get("sku") for v in variants} - {None, ""}
        Product = env["product.product"].with_context(active_test=True)
        company_domain = [("company_id", "in", [False, account.company_id.id])]
        self.by_ean = {}
        self.by_sku = {}
        if eans:
            for product in Product.search(
                [("barcode", "in", list(eans)), *company_domain]
            ):
                self.by_ean.setdefault(product.barcode, product)
        if skus:
            for product in Product.search(
                [("default_code", "in", list(skus)), *company_domain], order="id"
            ):
                self.by_sku.setdefault(product.default_code, product)
        self.placeholder = env.ref("letzshop_connector.product_letzshop_unmapped")
        emails = {
            ((n.get("order") or {}).get("email") or "").strip().lower() for n in nodes
        }
        emails.discard("")
        Partner = env["res.partner"]
        self.partners = {}
        if emails:
            for partner in Partner.search(
                [
                    ("email_normalized", "in", list(emails)),
                    ("parent_id", "=", False),
                    ("company_id", "in", [False, account.company_id.id]),
                ],
                order="id",
            ):
                self.partners.setdefault(partner.email_normalized, partner)
        self.children = defaultdict(list)
        if self.partners:
            for child in Partner.search(
                [("parent_id", "in", [p.id for p in self.partners.values()])]
            ):
                self.children[child.parent_id.id].append(child)
        isos = {
            ((a or {}).get("country") or {}).get("iso")
            for n in nodes
            for a in (
                (n.get("order") or {}).get("shipAddress"),
                (n.get("order") or {}).get("billAddress"),
            )
        } - {None, ""}
        self.countries = {
            c.code: c
            for c in env["res.country"].search(
                [("code", "in", [i.upper() for i in isos])]
            )
        }
        self.langs = {code for code, _name in env["res.lang"].get_installed()}
        self.twins = {}

    # -- partners ------------------------------------------------------------------
    def _address_vals(self, address):
        address = address or {}
        name = " ".join(
            filter(None, [address.get("firstName"), address.get("lastName")])
        )
        street = " ".join(
            filter(None, [address.get("streetName"), address.get("streetNumber")])
        )
        iso = ((address.get("country") or {}).get("iso") or "").upper()
        return {
            "name": name or address.get("company") or "",
            "company_name": address.get("company") or False,
            "street": street or False,
            "zip": address.get("zipCode") or False,
            "city": address.get("city") or False,
            "phone": address.get("phone") or False,
            "country_id": self.countries[iso].id if iso in self.countries else False,
        }

    @staticmethod
    def _same_address(partner, vals):
        return all(
            (partner[f].id if f == "country_id" else partner[f] or False)
            == (vals[f] or False)
            for f in ("name", "street", "zip", "city", "country_id")
        )

    def _lang(self, locale):
        short = (locale or "").split("-")[0].split("_")[0].lower()
        code = LOCALE_LANGS.get(short)
        if code in self.langs:
            return code
        return next(
            (lang for lang in sorted(self.langs) if lang.startswith(short + "_")), False
        )

    def partners_for(self, orders):
        """[(customer, invoice address, delivery address)] for Letzshop order
        dicts: customers found by e-mail or created, addresses reused when
        identical, everything new created in two batches."""
        Partner = self.env["res.partner"]
        prepared, new_customers = [], {}
        for index, order in enumerate(orders):
            email = (order.get("email") or "").strip()
            bill = self._address_vals(
                order.get("billAddress") or order.get("shipAddress")
            )
            ship = self._address_vals(
                order.get("shipAddress") or order.get("billAddress")
            )
            key = email.lower() or f"#no-email-{index}-{id(order)}"
            if key not in self.partners and key not in new_customers:
                new_customers[key] = dict(
                    bill,
                    name=bill["name"] or email or self.env._("Letzshop customer"),
                    email=email or False,
                    lang=self._lang(order.get("locale")),
                    company_id=False,
                    customer_rank=1,
                )
            prepared.append((key, bill, ship))
        if new_customers:
            created = Partner.create(list(new_customers.values()))
            self.partners.update(zip(new_customers, created, strict=True))
        wanted = {}

        def address(customer, vals, kind):
            if self._same_address(customer, vals):
                return customer
            for child in self.children[customer.id]:
                if child.type == kind and self._same_address(child, vals):
                    return child
            key = (customer.id, kind, tuple(vals[f] for f in ADDRESS_KEY))
            wanted.setdefault(
                key, dict(vals, type=kind, parent_id=customer.id, company_name=False)
            )
            return key

        refs = []
        for key, bill, ship in prepared:
            customer = self.partners[key]
            refs.append(
                (
                    customer,
                    address(customer, bill, "invoice"),
                    address(customer, ship, "delivery"),
                )
            )
        children = {}
        if wanted:
            created = Partner.create(list(wanted.values()))
            children = dict(zip(wanted, created, strict=True))
            for child in created:
                self.children[child.parent_id.id].append(child)
        return [
            tuple(children[p] if isinstance(p, tuple) else p for p in triple)
            for triple in refs
        ]

    # -- orders --------------------------------------------------------------------
    def match(self, variant):
        ean = (variant.get("tradeId") or {}).get("number")
        sku = variant.get("sku")
        return (ean and self.by_ean.get(ean)) or (sku and self.by_sku.get(sku)) or None

    def order_vals(self, shipment, node, partners):
        account = self.account
        order = node.get("order") or {}
        customer, invoice, delivery = partners
        groups = {}
        for unit in node.get("inventoryUnits") or []:
            variant = unit.get("variant") or {}
            key = str(variant.get("id") or variant.get("sku") or unit["id"])
            groups.setdefault(key, (variant, []))[1].append(unit)
        lines = []
        for key, (variant, units) in groups.items():
            product = self.match(variant)
            ean = (variant.get("tradeId") or {}).get("number") or False
            price = float(variant.get("price") or 0.0)
            vals = {
                "product_id": (product or self.placeholder).id,
                "product_uom_qty": sum(
                    1 for u in units if u.get("state") != schema.UNIT_STATE_DECLINED
                ),
                "price_unit": price,
                "letzshop_price_unit": price,
                "letzshop_variant_id": key,
                "letzshop_sku": variant.get("sku") or False,
                "letzshop_ean": ean,
                "letzshop_unit_ids": [str(u["id"]) for u in units],
                "letzshop_unit_states": {str(u["id"]): u.get("state") for u in units},
                "letzshop_available_qty": len(units),
            }
            if not product:
                names = (variant.get("product") or {}).get("name") or {}
                label = names.get("en") or names.get("fr") or names.get("de") or ""
                vals["name"] = self.env._(
                    "Unknown Letzshop product %(label)s (SKU %(sku)s, EAN %(ean)s)",
                    label=label,
                    sku=variant.get("sku") or "-",
                    ean=ean or "-",
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
        completed = _parse_datetime(order.get("completedAt"))
        if completed:
            vals["date_order"] = completed
        return vals


def _parse_datetime(value):
    if not value:
        return False
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return False
    if parsed.tzinfo:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


def _lock_key(letzshop_id):
    """A signed 32-bit key for PostgreSQL advisory locks on one shipment."""
    return zlib.crc32(str(letzshop_id).encode()) - 2**31


def _error_text(exc):
    if isinstance(exc, UserError):
        return exc.args[0]
    return f"{exc.__class__.__name__}: {exc}"
