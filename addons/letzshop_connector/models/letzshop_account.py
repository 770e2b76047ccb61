"""The Letzshop account (the connector's backend): connection settings and
secrets, one scheduled import per account, the import job, the vendor's buttons
and how a job that fails for good is reported.

The import of a page lives in ``letzshop_importer.py``, the product feed in
``letzshop_feed.py``, the binding of one shipment in ``letzshop_shipment.py``.
"""

import logging
import secrets
from datetime import timedelta

from odoo import api, fields, models, modules
from odoo.exceptions import UserError, ValidationError

from odoo.addons.queue_job.exception import RetryableJobError

from .. import letzshop_api, letzshop_schema
from .letzshop_feed import FEED_LANGS

_logger = logging.getLogger(__name__)

#: A job whose Letzshop call keeps failing is retried this many times (with
#: queue_job's retry pattern, or Letzshop's Retry-After), then marked Failed.
MAX_ATTEMPTS = 6
#: Publications overlap by this much: a stock move written in a transaction that
#: started before the publication but committed after it is still caught.
PUBLICATION_OVERLAP = timedelta(seconds=60)
#: System parameter that lets a system administrator point an account at a fake
#: server over http on this machine (scripts/letzshop_fake_server.py).
TEST_MODE_PARAM = "letzshop_connector.test_mode"


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
        tracking=True,
        default=letzshop_api.DEFAULT_ENDPOINT,
        help="URL of Letzshop's GraphQL API (https). Changing it clears the API "
        "key: the key is sent to this address with every call.",
    )
    api_key = fields.Char(
        string="Stored API Key",
        groups="base.group_system",
        copy=False,
        help="Key given by Letzshop. Readable by system administrators only.",
    )
    api_key_input = fields.Char(
        string="API Key",
        compute="_compute_api_key_input",
        inverse="_inverse_api_key_input",
        groups="sales_team.group_sale_manager",
        help="Key given by Letzshop (support@letzshop.lu), 'shop manager' rights. "
        "Type it to set or replace it; it is never shown again.",
    )
    has_api_key = fields.Boolean(string="API Key Set", compute="_compute_has_api_key")
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
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Sales channel of the imported orders; its stock settings decide what "
        "the feed publishes. When empty, the channel named 'Letzshop' is used "
        "(created if there is none).",
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
    tracking_carrier_id = fields.Many2one(
        "delivery.carrier",
        string="Default Carrier",
        check_company=True,
        help="Carrier named to Letzshop with a tracking number when the delivery "
        "has none (a number typed by hand, a parcel handed to the post office). "
        "Without a carrier on the delivery nor here, the tracking number cannot be "
        "sent and the shipment is listed as needing attention.",
    )
    page_size = fields.Integer(default=50, help="Shipments asked per API call.")
    timeout = fields.Integer(string="Timeout (s)", default=30)
    sync_interval = fields.Integer(
        string="Sync Every (minutes)",
        default=5,
        help="How often new orders are fetched.",
    )
    cron_id = fields.Many2one(
        "ir.cron",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups="base.group_system",
    )
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
    feed_url_en = fields.Char(
        compute="_compute_feed_urls",
        string="Feed URL (English)",
        groups="sales_team.group_sale_manager",
    )
    feed_url_fr = fields.Char(
        compute="_compute_feed_urls",
        string="Feed URL (French)",
        groups="sales_team.group_sale_manager",
    )
    feed_url_de = fields.Char(
        compute="_compute_feed_urls",
        string="Feed URL (German)",
        groups="sales_team.group_sale_manager",
    )
    last_publication_date = fields.Datetime(readonly=True, copy=False)
    shipment_ids = fields.One2many("letzshop.shipment", "account_id")
    shipment_count = fields.Integer(compute="_compute_shipment_count")
    log_ids = fields.One2many("letzshop.sync.log", "account_id")
    last_run_date = fields.Datetime(
        string="Last Sync", compute="_compute_last_sync", help="The latest import."
    )
    last_run_result = fields.Char(
        string="Last Sync Result", compute="_compute_last_sync"
    )
    last_change_date = fields.Datetime(
        string="Last Sync With Changes",
        compute="_compute_last_sync",
        help="The latest import that imported, updated or failed something.",
    )
    last_change_result = fields.Char(
        string="Result of Last Sync With Changes", compute="_compute_last_sync"
    )

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

    # -- the key: write-only -------------------------------------------------------
    def _compute_api_key_input(self):
        # Write-only: the form shows an empty input, never the stored key.
        self.api_key_input = False

    def _inverse_api_key_input(self):
        for account in self.filtered("api_key_input"):
            # sudo: the stored key is readable and writable by system
            # administrators only; sale managers (the vendor) may set or replace
            # it through this field, which never reads it back.
            account.sudo().write(
                {"api_key": account.api_key_input.strip(), "state": "draft"}
            )

    def _compute_has_api_key(self):
        # sudo: tell the vendor whether a key is set without ever reading it out.
        for account, sudo_account in zip(self, self.sudo(), strict=True):
            account.has_api_key = bool(sudo_account.api_key)

    # -- the endpoint: https only ----------
    @api.model
    def _letzshop_test_mode(self):
        """True while Odoo runs its tests, or when a system administrator set
        the system parameter ``letzshop_connector.test_mode`` (to try the local
        fake server). Only then may the endpoint be http on this machine."""
        if modules.module.current_test:
            return True
        # sudo: system parameters are readable by system administrators only;
        # this one only widens the endpoints accepted to http on 127.0.0.1.
        param = self.env["ir.config_parameter"].sudo().get_param(TEST_MODE_PARAM)
        return (param or "").lower() in ("1", "true")

    def _letzshop_endpoint_problem(self, endpoint):
        problem = letzshop_api.endpoint_problem(
            endpoint, allow_loopback_http=self._letzshop_test_mode()
        )
        if not problem:
            return None
        problems = {
            "invalid": self.env._("it is not an http(s) URL with a host name"),
            "credentials": self.env._("it must not contain a user name or password"),
            "https": self.env._("only https addresses are accepted"),
            "internal": self.env._("it points to an internal address"),
        }
        return self.env._(
            "Letzshop account %(account)s: the field 'Endpoint' (%(url)s) is "
            "refused: %(problem)s. Use Letzshop's https address, %(default)s.",
            account=self.display_name or self.name or "",
            url=endpoint,
            problem=problems[problem],
            default=letzshop_api.DEFAULT_ENDPOINT,
        )

    @api.constrains("endpoint")
    def _check_endpoint(self):
        for account in self:
            problem = account._letzshop_endpoint_problem(account.endpoint)
            if problem:
                raise ValidationError(problem)

    # -- computes ----------
    @api.depends("feed_token")
    def _compute_feed_urls(self):
        # sudo: web.base.url is a system parameter.
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for account in self:
            for short in FEED_LANGS:
                url = (
                    f"{base}/letzshop/feed/{account.id}/{account.feed_token}/"
                    f"{short}.tsv"
                    if account.id and account.feed_token
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
        Log = self.env["letzshop.sync.log"]
        base = [("account_id", "in", self.ids), ("operation", "=", "import")]
        changed = [
            "|",
            "|",
            ("imported", ">", 0),
            ("updated", ">", 0),
            ("state", "!=", "success"),
        ]
        last_run = dict(Log._read_group(base, ["account_id"], ["id:max"]))
        last_change = dict(Log._read_group(base + changed, ["account_id"], ["id:max"]))
        logs = Log.browse(set(last_run.values()) | set(last_change.values()))
        logs.fetch(["create_date", "operation", "state", "imported"])
        for account in self:
            run = Log.browse(last_run.get(account))
            change = Log.browse(last_change.get(account))
            account.last_run_date = run.create_date
            account.last_run_result = run.display_name
            account.last_change_date = change.create_date
            account.last_change_result = change.display_name

    @api.depends("company_id")
    def _compute_team_id(self):
        # Propose the company's existing "Letzshop" channel; the vendor may choose
        # another one.
        for account in self:
            team_company = account.team_id.company_id
            if not account.team_id or team_company not in (
                account.company_id,
                self.env["res.company"],
            ):
                account.team_id = self._letzshop_existing_team(account.company_id)

    # -- CRUD: sales channel, one scheduled action per account ----------
    @api.model
    def _letzshop_existing_team(self, company):
        return self.env["crm.team"].search(
            [("name", "=", "Letzshop"), ("company_id", "in", [False, company.id])],
            order="company_id, id",
            limit=1,
        )

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        for account in accounts.filtered(lambda a: not a.team_id):
            account.team_id = self._letzshop_existing_team(
                account.company_id
            ) or self.env["crm.team"].create(
                {"name": "Letzshop", "company_id": account.company_id.id}
            )
        accounts._letzshop_sync_crons()
        return accounts

    def write(self, vals):
        if "endpoint" in vals and not {"api_key", "api_key_input"} & set(vals):
            moved = self.filtered(lambda a: a.endpoint != vals["endpoint"])
        else:
            moved = self.browse()
        res = super().write(vals)
        if moved:
            # The key is sent to the endpoint with every call: whoever changes
            # the address enters the key again, so that a key is never sent to
            # an address its owner did not choose.
            # sudo: the stored key is writable by system administrators only.
            moved.sudo().write({"api_key": False, "state": "draft"})
            for account in moved:
                account.message_post(
                    body=self.env._(
                        "The endpoint changed: the API key was cleared. Enter it "
                        "again in the field 'API Key'."
                    )
                )
        if {"active", "sync_interval", "name"} & set(vals):
            self._letzshop_sync_crons()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_cron(self):
        # sudo: sale managers may not manage scheduled actions, nor read cron_id;
        # this removes only the account's own one.
        self.sudo().cron_id.unlink()

    def _letzshop_sync_crons(self):
        # sudo: sale managers may not manage scheduled actions; each account owns
        # exactly one, which only enqueues this account's import job.
        model = self.env["ir.model"]._get("letzshop.account")
        for account in self.sudo():
            vals = {
                "name": self.env._("Letzshop: sync %(account)s", account=account.name),
                "interval_number": account.sync_interval,
                "interval_type": "minutes",
                "active": account.active,
            }
            if account.cron_id:
                account.cron_id.write(vals)
                continue
            account.cron_id = account.env["ir.cron"].create(
                dict(
                    vals,
                    model_id=model.id,
                    state="code",
                    code=f"model.browse({account.id})._letzshop_cron_enqueue()",
                    user_id=self.env.ref("base.user_root").id,
                )
            )

    # -- client, logging ----------
    def _letzshop_client(self):
        self.ensure_one()
        # Checked again here, not only on save: test mode may have been switched off.
        problem = self._letzshop_endpoint_problem(self.endpoint)
        if problem:
            raise UserError(problem)
        # sudo: jobs and buttons need the key to authenticate; it is never returned.
        key = self.sudo().api_key
        if not key:
            raise UserError(
                self.env._(
                    "Letzshop account %(account)s: the field 'API Key' is empty. "
                    "Enter the key given by Letzshop.",
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

    @api.model
    def _letzshop_retry_or_raise(self, exc):
        """In a job: a Letzshop fault worth retrying becomes queue_job's
        RetryableJobError (after Retry-After seconds, else the job function's
        retry pattern); any other fault fails the job, which shows as Failed and
        can be requeued from the job list once the cause is fixed."""
        if getattr(exc, "retryable", False):
            raise RetryableJobError(
                str(exc), seconds=getattr(exc, "retry_after", None)
            ) from exc
        raise exc

    def _letzshop_job_failed(self, operation, exc_name, message, shipment=False):
        """What the vendor sees when a job failed for good (called by queue_job's
        on-fail hook, in a transaction of its own)."""
        self.ensure_one()
        auth = (exc_name or "").endswith("LetzshopAuthError")
        if auth:
            self.state = "auth_error"
        elif (exc_name or "").endswith("FailedJobError"):
            self.state = "error"  # retried MAX_ATTEMPTS times in vain
        self._letzshop_log(
            operation, "auth_error" if auth else "failed", message, shipment
        )
        if auth:
            summary = self.env._("Letzshop refused the API key")
            note = self.env._(
                "Letzshop account %(account)s: %(error)s. Ask Letzshop for a new "
                "key, enter it in the field 'API Key' and click 'Test Connection'; "
                "then requeue the failed job or click 'Import Orders Now'.",
                account=self.display_name,
                error=message,
            )
        else:
            summary = self.env._("Letzshop sync failed")
            note = self.env._(
                "Letzshop account %(account)s, %(operation)s%(shipment)s failed: "
                "%(error)s. Check the endpoint and click 'Test Connection'; the "
                "failed job can be requeued, or the operation run again from the "
                "account or the order.",
                account=self.display_name,
                operation=operation,
                shipment=f" ({shipment})" if shipment else "",
                error=message,
            )
        self._letzshop_tell_vendor(summary, note)

    def _letzshop_on_import_failed(self, exc_name=None, exc_message=None, **_vals):
        """queue_job on-fail hook of the import job."""
        for account in self:
            account._letzshop_job_failed("import", exc_name, exc_message)

    # -- buttons ----------
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
                # a list of accounts may be synced at once (Actions menu, RPC)
                "title": ", ".join(self.mapped("display_name")),
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
            account.feed_token = secrets.token_urlsafe(24)

    def action_view_shipments(self):
        action = self.env["ir.actions.actions"]._for_xml_id(
            "letzshop_connector.letzshop_shipment_action"
        )
        action["domain"] = [("account_id", "in", self.ids)]
        action["context"] = {}
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

    # -- import job ----------
    def _letzshop_cron_enqueue(self):
        for account in self.filtered("active"):
            states = (
                None if account.catch_up_done else list(letzshop_schema.SHIPMENT_STATES)
            )
            account._letzshop_enqueue_import(states=states)

    def _letzshop_enqueue_import(self, states=None):
        self.ensure_one()
        return self.with_delay(
            channel="root.letzshop",
            max_retries=MAX_ATTEMPTS,
            description=self.env._("Letzshop: import orders of %(a)s", a=self.name),
            identity_key=f"letzshop-import-{self.id}-{states}",
        )._letzshop_job_import(states=states)

    def _letzshop_job_import(self, states=None):
        """Job: import every page of shipments in ``states`` (default unconfirmed).

        A retryable fault (429, 5xx, network) retries the whole job later: its
        transaction is rolled back, and the retry skips what was imported."""
        self.ensure_one()
        account = self.with_company(self.company_id)
        states = states or [letzshop_schema.SHIPMENT_STATES[0]]
        counts = {"imported": 0, "updated": 0, "skipped": 0, "failed": 0}
        errors = []
        client = account._letzshop_client()
        importer = account.env["letzshop.importer"]
        try:
            for state in states:
                for nodes in client.iter_shipment_pages(state, account.page_size):
                    importer._import_page(account, nodes, counts, errors)
        except letzshop_api.LetzshopError as exc:
            self._letzshop_retry_or_raise(exc)
        # The account row is written only when something changes, so that two
        # imports running at once never fight over it.
        if len(states) > 1 and not account.catch_up_done:
            account.catch_up_done = True
        if account.state in ("error", "auth_error"):
            account.state = "ok"
        for ref, message in errors:
            account._letzshop_log("import", "failed", message, ref)
        state = "partial" if counts["failed"] else "success"
        message = "\n".join(f"{ref}: {msg}" for ref, msg in errors) or False
        return account._letzshop_log("import", state, message, **counts).display_name

    # -- stock publication (the feed service does the work) ----------
    def _letzshop_publishable_quantities(self, products):
        """{product_id: quantity Letzshop may sell} for ``products``: the sales
        channel's available-to-promise (incoming_stock_atp)."""
        self.ensure_one()
        return self.env["letzshop.feed"]._publishable_quantities(self, products)

    def _letzshop_changed_products(self, since=None, products=None):
        """Published products whose quantity may have changed since ``since``
        (default: the last publication)."""
        self.ensure_one()
        return self.env["letzshop.feed"]._changed_products(self, since, products)

    def _letzshop_render_feed(self, lang_short):
        """The tab-separated feed in ``lang_short`` ('en', 'fr' or 'de')."""
        self.ensure_one()
        return self.env["letzshop.feed"]._render(self, lang_short)

    def _letzshop_mark_published(self):
        self.ensure_one()
        self.env["letzshop.feed"]._mark_published(self, PUBLICATION_OVERLAP)
