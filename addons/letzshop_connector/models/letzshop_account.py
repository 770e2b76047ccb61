import logging
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .. import letzshop_api, letzshop_schema

_logger = logging.getLogger(__name__)

FEED_LANGS = {"en": "en_US", "fr": "fr_FR", "de": "de_DE"}
FEED_COLUMNS = (
    "id",
    "title",
    "description",
    "availability",
    "quantity",
    "price",
    "gtin",
    "mpn",
    "condition",
    "link",
)
#: After this many failed attempts a job stops retrying and tells the vendor.
MAX_ATTEMPTS = 6
#: Publications overlap by this much: a stock move written in a transaction that
#: started before the publication but committed after it is still caught.
PUBLICATION_OVERLAP = timedelta(seconds=60)


class LetzshopAccount(models.Model):
    _name = "letzshop.account"
    _description = "Letzshop Account"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    endpoint = fields.Char(
        required=True,
        default=letzshop_api.DEFAULT_ENDPOINT,
        help="URL of Letzshop's GraphQL API. Point it at the local fake server "
        "(scripts/letzshop_fake_server.py) to try the connector without credentials.",
    )
    api_key = fields.Char(
        string="API Key",
        groups="base.group_system",
        copy=False,
        help="Key given by Letzshop (support@letzshop.lu), 'shop manager' rights. "
        "Readable by system administrators only.",
    )
    has_api_key = fields.Boolean(compute="_compute_has_api_key")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        required=True,
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        ),
        help="Orders are shipped from, and stock is published for, this warehouse.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Channel",
        check_company=True,
        help="Sales channel of the imported orders. Created ('Letzshop') when empty.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Told (activity) when the connection fails for good.",
    )
    prices_include_vat = fields.Boolean(
        string="Prices Include VAT",
        default=True,
        help="Letzshop prices are what the customer pays, VAT included. The imported "
        "lines keep that price with a VAT-included tax (same rate and accounts as the "
        "tax Odoo chose), so the order total equals the Letzshop total to the cent.",
    )
    auto_decide = fields.Boolean(
        string="Decide Automatically",
        help="Confirm each new order's units on Letzshop as far as the publishable "
        "stock allows, and decline the rest, without waiting for a person.",
    )
    page_size = fields.Integer(default=50, help="Shipments asked per API call.")
    timeout = fields.Integer(string="Timeout (s)", default=30)
    sync_interval = fields.Integer(
        string="Sync Every (minutes)",
        default=5,
        help="How often new orders are fetched.",
    )
    cron_id = fields.Many2one("ir.cron", readonly=True, copy=False, ondelete="set null")
    catch_up_done = fields.Boolean(
        copy=False,
        help="Set after the first sync, which also reads confirmed and declined "
        "shipments so that decisions taken in Letzshop's back office are known.",
    )
    state = fields.Selection(
        [
            ("draft", "Not Tested"),
            ("ok", "Connected"),
            ("schema", "Schema Mismatch"),
            ("auth_error", "Key Refused"),
            ("error", "Unreachable"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    connection_report = fields.Text(readonly=True, copy=False)
    feed_token = fields.Char(
        copy=False,
        readonly=True,
        default=lambda self: secrets.token_urlsafe(24),
        groups="sales_team.group_sale_manager",
    )
    feed_url_en = fields.Char(compute="_compute_feed_urls", string="Feed URL (English)")
    feed_url_fr = fields.Char(compute="_compute_feed_urls", string="Feed URL (French)")
    feed_url_de = fields.Char(compute="_compute_feed_urls", string="Feed URL (German)")
    last_publication_date = fields.Datetime(readonly=True, copy=False)
    shipment_ids = fields.One2many("letzshop.shipment", "account_id")
    shipment_count = fields.Integer(compute="_compute_shipment_count")
    log_ids = fields.One2many("letzshop.sync.log", "account_id")
    last_sync_date = fields.Datetime(compute="_compute_last_sync")
    last_sync_result = fields.Char(compute="_compute_last_sync")

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)", "A Letzshop account with this name already exists."
    )
    _page_size_positive = models.Constraint(
        "CHECK(page_size > 0 AND page_size <= 500)",
        "The page size must be between 1 and 500.",
    )
    _sync_interval_positive = models.Constraint(
        "CHECK(sync_interval > 0)", "The sync interval must be at least one minute."
    )
    _timeout_positive = models.Constraint(
        "CHECK(timeout > 0)", "The timeout must be at least one second."
    )

    # -- computes -----------------------------------------------------------------
    def _compute_has_api_key(self):
        # sudo: tell the vendor whether a key is set without ever reading it out.
        for account, sudo_account in zip(self, self.sudo(), strict=True):
            account.has_api_key = bool(sudo_account.api_key)

    @api.depends("feed_token")
    def _compute_feed_urls(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for account in self:
            # sudo: the token is part of the URL given to Letzshop; the field is
            # restricted so that it does not travel with every read of the account.
            token = account.sudo().feed_token
            for short in FEED_LANGS:
                url = (
                    f"{base}/letzshop/feed/{account.id}/{token}/{short}.tsv"
                    if account.id and token
                    else False
                )
                account[f"feed_url_{short}"] = url

    def _compute_shipment_count(self):
        counts = dict(
            self.env["letzshop.shipment"]._read_group(
                [("account_id", "in", self.ids)], ["account_id"], ["__count"]
            )
        )
        for account in self:
            account.shipment_count = counts.get(account, 0)

    def _compute_last_sync(self):
        last = dict(
            self.env["letzshop.sync.log"]._read_group(
                [("account_id", "in", self.ids), ("operation", "=", "import")],
                ["account_id"],
                ["id:max"],
            )
        )
        logs = self.env["letzshop.sync.log"].browse(last.values())
        by_account = {log.account_id: log for log in logs}
        for account in self:
            log = by_account.get(account)
            account.last_sync_date = log.create_date if log else False
            account.last_sync_result = log.display_name if log else False

    # -- CRUD: one scheduled action per account -----------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        for account in accounts:
            if not account.team_id:
                account.team_id = self.env["crm.team"].create(
                    {"name": "Letzshop", "company_id": account.company_id.id}
                )
        accounts._letzshop_sync_crons()
        return accounts

    def write(self, vals):
        res = super().write(vals)
        if {"active", "sync_interval", "name"} & set(vals):
            self._letzshop_sync_crons()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_cron(self):
        # sudo: sale managers may not manage scheduled actions; this removes only
        # the account's own one.
        self.cron_id.sudo().unlink()

    def _letzshop_sync_crons(self):
        # sudo: sale managers may not manage scheduled actions; each account owns
        # exactly one, which only enqueues this account's import job.
        model = self.env["ir.model"]._get("letzshop.account")
        for account in self:
            vals = {
                "name": self.env._("Letzshop: sync %(account)s", account=account.name),
                "interval_number": account.sync_interval,
                "interval_type": "minutes",
                "active": account.active,
            }
            if account.cron_id:
                account.cron_id.sudo().write(vals)
                continue
            cron = (
                self.env["ir.cron"]
                .sudo()
                .create(
                    dict(
                        vals,
                        model_id=model.id,
                        state="code",
                        code=f"model.browse({account.id})._letzshop_cron_enqueue()",
                        user_id=self.env.ref("base.user_root").id,
                    )
                )
            )
            account.sudo().cron_id = cron

    # -- client, logging, faults ------------------------------------------------------
    def _letzshop_client(self):
        self.ensure_one()
        # sudo: jobs and buttons need the key to authenticate; it is never returned.
        key = self.sudo().api_key
        if not key:
            raise UserError(
                self.env._(
                    "Letzshop account %(account)s: the field 'API Key' is empty. "
                    "A system administrator must enter the key given by Letzshop.",
                    account=self.display_name,
                )
            )
        return letzshop_api.LetzshopClient(self.endpoint, key, timeout=self.timeout)

    def _letzshop_log(self, operation, state, message=False, shipment=False, **counts):
        self.ensure_one()
        # sudo: the log is written by jobs running as whoever triggered them
        # (warehouse staff validating a delivery cannot create logs themselves).
        return (
            self.env["letzshop.sync.log"]
            .sudo()
            .create(
                {
                    "account_id": self.id,
                    "operation": operation,
                    "state": state,
                    "message": message,
                    "shipment_ref": shipment or False,
                    **counts,
                }
            )
        )

    def _letzshop_tell_vendor(self, summary, note):
        """Post on the account and give its responsible an activity."""
        self.ensure_one()
        self.message_post(body=note)
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=note,
                user_id=self.user_id.id,
            )

    def _letzshop_handle_fault(
        self, exc, operation, retry, attempt, shipment=False, counts=None
    ):
        """What a job does when a call fails.

        * 401/403: the account is flagged and the vendor told; no retry.
        * 429 (Retry-After honoured), 5xx, network, malformed answers: the same job
          is enqueued again later (exponential backoff) with ``attempt + 1``, after
          the log line is written. The current transaction commits, so what was
          done before the fault (earlier pages) is kept and the vendor sees why.
        * after MAX_ATTEMPTS, or a GraphQL error: logged and told, no retry.

        :param retry: callable(eta_seconds, attempt) enqueuing the retry job
        :return: the message stored as the job's result
        """
        self.ensure_one()
        message = str(exc)
        counts = counts or {}
        if isinstance(exc, letzshop_api.LetzshopAuthError):
            self.state = "auth_error"
            self._letzshop_log(operation, "auth_error", message, shipment, **counts)
            self._letzshop_tell_vendor(
                self.env._("Letzshop refused the API key"),
                self.env._(
                    "Letzshop account %(account)s: %(error)s. Ask Letzshop for a "
                    "new key, then a system administrator enters it in the field "
                    "'API Key' and clicks 'Test Connection'.",
                    account=self.display_name,
                    error=message,
                ),
            )
            return message
        if getattr(exc, "retryable", False) and attempt < MAX_ATTEMPTS:
            delay = getattr(exc, "retry_after", None) or min(3600, 60 * 2**attempt)
            retry(delay, attempt + 1)
            self._letzshop_log(
                operation,
                "retry",
                self.env._(
                    "%(error)s. Retrying in %(delay)s seconds "
                    "(attempt %(n)s of %(max)s).",
                    error=message,
                    delay=delay,
                    n=attempt + 1,
                    max=MAX_ATTEMPTS,
                ),
                shipment,
                **counts,
            )
            return message
        if getattr(exc, "retryable", False):
            self.state = "error"
        self._letzshop_log(operation, "failed", message, shipment, **counts)
        self._letzshop_tell_vendor(
            self.env._("Letzshop sync failed"),
            self.env._(
                "Letzshop account %(account)s, %(operation)s%(shipment)s failed: "
                "%(error)s. Check the endpoint and click 'Test Connection'; the "
                "operation can be run again from the account or the order.",
                account=self.display_name,
                operation=operation,
                shipment=f" ({shipment})" if shipment else "",
                error=message,
            ),
        )
        return message

    # -- buttons -------------------------------------------------------------------
    def action_test_connection(self):
        self.ensure_one()
        client = self._letzshop_client()
        try:
            problems = client.check_connection()
        except letzshop_api.LetzshopAuthError as exc:
            self.write({"state": "auth_error", "connection_report": str(exc)})
            return self._letzshop_notify(str(exc), "danger")
        except letzshop_api.LetzshopError as exc:
            self.write({"state": "error", "connection_report": str(exc)})
            return self._letzshop_notify(str(exc), "danger")
        unverified = "\n".join(
            f"- {key}: {text}" for key, text in letzshop_schema.UNVERIFIED.items()
        )
        if problems:
            lines = "\n".join(f"- {purpose}: {msg}" for purpose, msg in problems)
            report = self.env._(
                "Authenticated, but Letzshop's schema lacks what the connector "
                "uses:\n%(lines)s\n\nAssumptions checked:\n%(unverified)s",
                lines=lines,
                unverified=unverified,
            )
            self.write({"state": "schema", "connection_report": report})
            self._letzshop_log("test", "failed", report)
            return self._letzshop_notify(report, "warning")
        report = self.env._(
            "Authenticated; every query and mutation the connector sends is valid "
            "for Letzshop's schema, including these assumptions:\n%(unverified)s",
            unverified=unverified,
        )
        self.write({"state": "ok", "connection_report": report})
        self._letzshop_log("test", "success", report)
        return self._letzshop_notify(
            self.env._("Connection to Letzshop works."), "success"
        )

    def _letzshop_notify(self, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.display_name,
                "message": message,
                "type": kind,
                "sticky": kind != "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_sync_now(self):
        for account in self:
            account._letzshop_enqueue_import()
        return self._letzshop_notify(
            self.env._("The import is queued; new orders appear in a moment."), "info"
        )

    def action_catch_up(self):
        for account in self:
            account._letzshop_enqueue_import(
                states=list(letzshop_schema.SHIPMENT_STATES)
            )
        return self._letzshop_notify(
            self.env._(
                "Import of unconfirmed, confirmed and declined shipments queued."
            ),
            "info",
        )

    def action_regenerate_feed_token(self):
        self.check_access("write")
        for account in self:
            # sudo: the token field is restricted to sale managers; this button is too.
            account.sudo().feed_token = secrets.token_urlsafe(24)

    def action_view_shipments(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "letzshop_connector.letzshop_shipment_action"
        )
        action["domain"] = [("account_id", "in", self.ids)]
        return action

    def action_view_logs(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "letzshop_connector.letzshop_sync_log_action"
        )
        action["domain"] = [("account_id", "in", self.ids)]
        return action

    def action_view_changed_products(self):
        self.ensure_one()
        products = self._letzshop_changed_products()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Stock Changed Since Last Publication"),
            "res_model": "product.product",
            "view_mode": "list,form",
            "domain": [("id", "in", products.ids)],
        }

    # -- import ----------------------------------------------------------------------
    def _letzshop_cron_enqueue(self):
        for account in self.filtered("active"):
            states = (
                None if account.catch_up_done else list(letzshop_schema.SHIPMENT_STATES)
            )
            account._letzshop_enqueue_import(states=states)

    def _letzshop_enqueue_import(self, states=None, attempt=0, eta=None):
        self.ensure_one()
        return self.with_delay(
            channel="root.letzshop",
            eta=eta,
            description=self.env._("Letzshop: import orders of %(a)s", a=self.name),
            identity_key=None if attempt else f"letzshop-import-{self.id}-{states}",
        )._letzshop_job_import(states=states, attempt=attempt)

    def _letzshop_job_import(self, states=None, attempt=0):
        """Job: import every page of shipments in ``states`` (default unconfirmed)."""
        self.ensure_one()
        account = self.with_company(self.company_id)
        states = states or [letzshop_schema.SHIPMENT_STATES[0]]
        counts = {"imported": 0, "updated": 0, "skipped": 0, "failed": 0}
        errors = []
        try:
            client = account._letzshop_client()
            for state in states:
                for nodes in client.iter_shipment_pages(state, account.page_size):
                    account.env["letzshop.shipment"]._letzshop_import_page(
                        account, nodes, counts, errors
                    )
        except letzshop_api.LetzshopError as exc:
            account._letzshop_log_shipment_errors(errors)
            return account._letzshop_handle_fault(
                exc,
                "import",
                lambda eta, n: account._letzshop_enqueue_import(
                    states=states, attempt=n, eta=eta
                ),
                attempt,
                counts=counts,
            )
        except UserError as exc:  # no key: nothing to retry
            account._letzshop_log("import", "failed", str(exc))
            return str(exc)
        # The account row is written only when something changes, so that two
        # imports running at once never fight over it.
        if len(states) > 1 and not account.catch_up_done:
            account.catch_up_done = True
        log = account._letzshop_log_import(counts, errors)
        return log.display_name

    def _letzshop_log_shipment_errors(self, errors):
        for ref, message in errors:
            self._letzshop_log("import", "failed", message, ref)

    def _letzshop_log_import(self, counts, errors):
        self._letzshop_log_shipment_errors(errors)
        state = "partial" if counts["failed"] else "success"
        message = "\n".join(f"{ref}: {msg}" for ref, msg in errors) or False
        return self._letzshop_log("import", state, message, **counts)

    # -- stock publication ---------------------------------------------------------
    def _letzshop_internal_locations(self):
        self.ensure_one()
        return self.env["stock.location"].search(
            [
                ("id", "child_of", self.warehouse_id.view_location_id.id),
                ("usage", "=", "internal"),
            ]
        )

    def _letzshop_publishable_quantities(self, products):
        """{product_id: quantity Letzshop may sell} for ``products``.

        With incoming_stock_atp installed, the sales channel's dated
        available-to-promise; otherwise the warehouse's free on-hand quantity
        (on hand minus reserved), read in one SQL query."""
        self.ensure_one()
        team = self.team_id
        if team and hasattr(team, "_get_publishable_quantities"):
            return team._get_publishable_quantities(
                products, warehouse=self.warehouse_id
            )
        if not products:
            return {}
        locations = self._letzshop_internal_locations()
        self.env["stock.quant"].flush_model(["product_id", "location_id", "quantity"])
        self.env["stock.quant"].flush_model(["reserved_quantity"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT product_id, SUM(quantity - reserved_quantity)
                  FROM stock_quant
                 WHERE location_id = ANY(%s) AND product_id = ANY(%s)
                 GROUP BY product_id
                """,
                locations.ids,
                products.ids,
            )
        )
        quantities = dict.fromkeys(products.ids, 0.0)
        quantities.update(rows)
        return quantities

    def _letzshop_changed_products(self, since=None, products=None):
        """Products whose publishable quantity may have changed since ``since``
        (default: the last publication), found by SQL over stock moves and quants
        (or by incoming_stock_atp), never by scanning every product."""
        self.ensure_one()
        since = since or self.last_publication_date
        team = self.team_id
        feed_products = products
        if team and hasattr(team, "_get_publishable_changed_since"):
            changed = team._get_publishable_changed_since(
                since, products=products, warehouse=self.warehouse_id
            )
        else:
            if not since:
                return (
                    products if products is not None else self._letzshop_feed_products()
                )
            locations = self._letzshop_internal_locations().ids
            self.env["stock.move"].flush_model(
                ["product_id", "location_id", "location_dest_id", "state"]
            )
            self.env["stock.quant"].flush_model(
                ["product_id", "location_id", "quantity"]
            )
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT product_id FROM stock_move
                     WHERE write_date > %(since)s
                       AND (location_id = ANY(%(locs)s)
                            OR location_dest_id = ANY(%(locs)s))
                    UNION
                    SELECT product_id FROM stock_quant
                     WHERE write_date > %(since)s AND location_id = ANY(%(locs)s)
                    """,
                    since=since,
                    locs=locations,
                )
            )
            changed = self.env["product.product"].browse(r[0] for r in rows)
        if feed_products is None:
            feed_products = self._letzshop_feed_products(changed.ids)
        return changed & feed_products

    def _letzshop_feed_products(self, among_ids=None):
        """Products the feed publishes: saleable, storable, marked 'Publish on
        Letzshop', with a barcode or an internal reference."""
        self.ensure_one()
        domain = [
            ("sale_ok", "=", True),
            ("is_storable", "=", True),
            ("letzshop_published", "=", True),
            ("company_id", "in", [False, self.company_id.id]),
            "|",
            ("barcode", "!=", False),
            ("default_code", "!=", False),
        ]
        if among_ids is not None:
            domain.append(("id", "in", list(among_ids)))
        return self.env["product.product"].search(domain, order="id")

    def _letzshop_feed_rows(self, lang_short):
        """Rows (tuples in FEED_COLUMNS order) of the feed in ``lang_short``."""
        self.ensure_one()
        lang = FEED_LANGS[lang_short]
        products = self._letzshop_feed_products()
        if not products:
            return []
        self.env["product.product"].flush_model()
        self.env["product.template"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT pp.id, pp.default_code, pp.barcode,
                       COALESCE(pt.name->>%(lang)s, pt.name->>'en_US'),
                       COALESCE(pt.description_sale->>%(lang)s,
                                pt.description_sale->>'en_US'),
                       pt.list_price + COALESCE(extra.price, 0), pt.id
                  FROM product_product pp
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  LEFT JOIN (
                        SELECT rel.product_product_id AS pid,
                               SUM(ptav.price_extra) AS price
                          FROM product_variant_combination rel
                          JOIN product_template_attribute_value ptav
                            ON ptav.id = rel.product_template_attribute_value_id
                         WHERE rel.product_product_id = ANY(%(ids)s)
                         GROUP BY rel.product_product_id
                       ) extra ON extra.pid = pp.id
                 WHERE pp.id = ANY(%(ids)s)
                 ORDER BY pp.id
                """,
                lang=lang,
                ids=products.ids,
            )
        )
        quantities = self._letzshop_publishable_quantities(products)
        gross = self._letzshop_gross_prices({r[0]: (r[6], r[5]) for r in rows})
        currency = self.company_id.currency_id
        result = []
        for pid, code, barcode, title, description, _price, _tmpl in rows:
            qty = max(0, int(quantities.get(pid) or 0))
            result.append(
                (
                    code or barcode,
                    _tsv(title),
                    _tsv(description),
                    "in_stock" if qty > 0 else "out_of_stock",
                    str(qty),
                    f"{gross[pid]:.2f} {currency.name}",
                    barcode or "",
                    code or "",
                    "new",
                    "",
                )
            )
        return result

    def _letzshop_gross_prices(self, prices):
        """{product_id: price as published} from {product_id: (template_id, price)}.

        Letzshop shows prices VAT included (when the account says so): percent
        taxes of the product that are not already included are added; other tax
        kinds go through Odoo's tax engine."""
        self.ensure_one()
        if not self.prices_include_vat:
            return {pid: price for pid, (_t, price) in prices.items()}
        tmpl_ids = list({t for t, _p in prices.values()})
        rel = self.env.execute_query(
            SQL(
                "SELECT prod_id, tax_id FROM product_taxes_rel WHERE prod_id = ANY(%s)",
                tmpl_ids,
            )
        )
        taxes_by_tmpl = {}
        for tmpl_id, tax_id in rel:
            taxes_by_tmpl.setdefault(tmpl_id, []).append(tax_id)
        all_taxes = self.env["account.tax"].browse({t for _p, t in rel})
        company_taxes = all_taxes.filtered(lambda t: t.company_id == self.company_id)
        factors = {}
        result = {}
        for pid, (tmpl_id, price) in prices.items():
            key = tuple(sorted(taxes_by_tmpl.get(tmpl_id, ())))
            if key not in factors:
                taxes = company_taxes.filtered(lambda t, k=key: t.id in k)
                excluded = taxes.filtered(lambda t: not t.price_include)
                if all(t.amount_type == "percent" for t in excluded):
                    factors[key] = 1 + sum(excluded.mapped("amount")) / 100
                else:
                    factors[key] = taxes
            factor = factors[key]
            if isinstance(factor, float | int):
                result[pid] = round(price * factor, 2)
            else:
                result[pid] = factor.compute_all(price)["total_included"]
        return result

    def _letzshop_render_feed(self, lang_short):
        """The tab-separated Google Shopping feed (str) in ``lang_short``."""
        lines = ["\t".join(FEED_COLUMNS)]
        lines.extend("\t".join(row) for row in self._letzshop_feed_rows(lang_short))
        return "\n".join(lines) + "\n"

    def _letzshop_mark_published(self):
        # A fetch of the feed is a publication: the "changed since" set restarts.
        # sudo: the feed is fetched by Letzshop, without an Odoo user.
        self.sudo().last_publication_date = fields.Datetime.now() - PUBLICATION_OVERLAP


def _tsv(value):
    """A value safe inside one tab-separated cell."""
    if not value:
        return ""
    return " ".join(str(value).split())
