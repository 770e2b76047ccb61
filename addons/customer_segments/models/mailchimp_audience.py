# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import secrets
from collections import defaultdict

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import split_every

from odoo.addons.queue_job.exception import RetryableJobError

from ..mailchimp_api import (
    BATCH_LIMIT,
    MailchimpClient,
    MailchimpError,
    MailchimpRetryableError,
    check_base_url,
    subscriber_hash,
)
from .customer_figures_mixin import ADMIN_GROUP

_logger = logging.getLogger(__name__)

MAX_RETRIES = 10


def _allow_http_loopback():
    """Plain http to 127.0.0.1 only while Odoo runs tests (the fake server)."""
    return bool(modules.module.current_test)


class MailchimpAudience(models.Model):
    """A Mailchimp audience (list) the customers are synced to."""

    _name = "mailchimp.audience"
    _description = "Mailchimp audience"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    list_id = fields.Char(
        "Audience ID",
        required=True,
        help="Mailchimp: Audience > Settings > Audience name and defaults > "
        "Audience ID.",
    )
    # The key is stored in its own column, readable by system administrators
    # only; sales administrators set it through api_key_input, which reads empty.
    api_key = fields.Char(
        "API Key",
        copy=False,
        groups="base.group_system",
        help="Mailchimp: Profile > Extras > API keys. Ends with the data centre, "
        "e.g. -us21.",
    )
    api_key_input = fields.Char(
        "New API Key",
        compute="_compute_api_key_input",
        inverse="_inverse_api_key_input",
        groups=ADMIN_GROUP,
        help="Mailchimp: Profile > Extras > API keys. Write-only: once saved, the "
        "key is never shown again (system administrators only can read it).",
    )
    has_api_key = fields.Boolean("API Key Set", compute="_compute_has_api_key")
    api_base_url = fields.Char(
        "API URL",
        groups="base.group_system",
        help="Leave empty: derived from the API key "
        "(https://<dc>.api.mailchimp.com/3.0). Must start with https://.",
    )
    webhook_secret = fields.Char(
        copy=False,
        groups="base.group_system",
        default=lambda self: secrets.token_urlsafe(24),
    )
    webhook_url = fields.Char(
        "Webhook URL",
        compute="_compute_webhook_url",
        groups="base.group_system",
        help="Paste into Mailchimp: Audience > Settings > Webhooks, with "
        "'unsubscribes' and 'cleaned address' events ticked.",
    )
    member_segment_id = fields.Many2one(
        "customer.segment",
        "Only Customers Of",
        ondelete="restrict",
        help="Leave empty to sync every contactable customer.",
    )
    tag_segment_ids = fields.Many2many(
        "customer.segment",
        "mailchimp_audience_tag_segment_rel",
        "audience_id",
        "segment_id",
        string="Segments as Tags",
    )
    remote_tag_ids = fields.Json(
        "Mailchimp Tag Ids",
        readonly=True,
        copy=False,
        help="Segment id -> Mailchimp tag id.",
    )
    member_ids = fields.One2many("mailchimp.member", "audience_id", "Members")
    member_count = fields.Integer(compute="_compute_member_count")
    error_count = fields.Integer("Members in Error", compute="_compute_member_count")
    sync_state = fields.Selection(
        [
            ("never", "Never synced"),
            ("queued", "Queued"),
            ("done", "Synced"),
            ("error", "Error"),
        ],
        default="never",
        required=True,
        readonly=True,
        copy=False,
    )
    last_sync_date = fields.Datetime(readonly=True, copy=False)
    last_sync_message = fields.Text(readonly=True, copy=False)

    _company_list_unique = models.Constraint(
        "UNIQUE (company_id, list_id)", "This Mailchimp audience is already configured."
    )

    @api.depends_context("uid")
    def _compute_api_key_input(self):
        self.api_key_input = False

    def _inverse_api_key_input(self):
        for audience in self.filtered("api_key_input"):
            # sudo: sales administrators set the key without being able to read
            # it back; the field itself is readable by system administrators only
            audience.sudo().api_key = audience.api_key_input.strip()
        # write-only: the value written is not kept in the cache either
        self.invalidate_recordset(["api_key_input"])

    def _compute_has_api_key(self):
        # sudo: tell whether a key is set without reading it out
        for audience, audience_sudo in zip(self, self.sudo(), strict=True):
            audience.has_api_key = bool(audience_sudo.api_key)

    @api.constrains("api_base_url")
    def _check_api_base_url(self):
        # sudo: the URL is readable by system administrators only
        for audience in self.sudo().filtered("api_base_url"):
            try:
                check_base_url(
                    audience.api_base_url, allow_http_loopback=_allow_http_loopback()
                )
            except MailchimpError as exc:
                raise ValidationError(
                    self.env._(
                        "Mailchimp audience %(name)s, field API URL: %(error)s",
                        name=audience.name,
                        error=exc,
                    )
                ) from exc

    def _compute_webhook_url(self):
        # sudo: web.base.url is a system parameter; the URL is shown to system
        # administrators only (field groups)
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for audience in self:
            audience.webhook_url = (
                f"{base}/customer_segments/mailchimp/{audience.id}/{audience.webhook_secret}"
                if audience.id and audience.webhook_secret
                else False
            )

    def _compute_member_count(self):
        counts = defaultdict(int)
        errors = defaultdict(int)
        for audience, status, count in self.env["mailchimp.member"]._read_group(
            [("audience_id", "in", self.ids)], ["audience_id", "status"], ["__count"]
        ):
            counts[audience.id] += count
            if status == "error":
                errors[audience.id] += count
        for audience in self:
            audience.member_count = counts[audience.id]
            audience.error_count = errors[audience.id]

    # -- client ----------------------------------------------------------------------

    def _client(self):
        self.ensure_one()
        # sudo: the API key is readable by system admins only; the sync uses it
        # on behalf of the vendor without ever showing it.
        config = self.sudo()
        if not config.api_key:
            raise UserError(
                self.env._(
                    "Mailchimp audience %(name)s: the field API Key is empty.",
                    name=self.name,
                )
            )
        try:
            return MailchimpClient(
                config.api_key,
                base_url=config.api_base_url or None,
                allow_http_loopback=_allow_http_loopback(),
            )
        except MailchimpError as exc:
            raise UserError(
                self.env._(
                    "Mailchimp audience %(name)s: %(error)s", name=self.name, error=exc
                )
            ) from exc

    def _check_vendor(self):
        if not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                self.env._("Only sales administrators can sync customers to Mailchimp.")
            )

    def action_test_connection(self):
        self.ensure_one()
        self._check_vendor()
        client = self._client()
        try:
            client.ping()
            remote = client.get_list(self.list_id)
        except MailchimpError as exc:
            raise UserError(
                self.env._(
                    "Mailchimp audience %(name)s: %(error)s", name=self.name, error=exc
                )
            ) from exc
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Connected to the Mailchimp audience %(remote)s.",
                    remote=remote.get("name"),
                ),
            },
        }

    # -- sync ------------------------------------------------------------------------

    def action_sync(self):
        self._check_vendor()
        for audience in self:
            audience.with_delay(
                description=self.env._(
                    "Mailchimp sync of %(name)s", name=audience.name
                ),
                identity_key=f"mailchimp.audience.sync:{audience.id}",
                max_retries=MAX_RETRIES,
            )._sync_job()
        self.write({"sync_state": "queued"})
        return True

    @api.model
    def _cron_sync(self):
        for audience in self.search([("active", "=", True)]):
            if audience.has_api_key:
                audience.with_delay(
                    identity_key=f"mailchimp.audience.sync:{audience.id}",
                    max_retries=MAX_RETRIES,
                )._sync_job()

    def _sync_job(self):
        """Queue job: push members and tags. Retried with backoff on 429/5xx."""
        self.ensure_one()
        try:
            # in the audience's company: its customers' figures and segments
            message = self.with_company(self.company_id)._sync()
        except MailchimpRetryableError as exc:
            raise RetryableJobError(str(exc), seconds=exc.retry_after) from exc
        except (MailchimpError, UserError) as exc:
            self.write(
                {
                    "sync_state": "error",
                    "last_sync_date": fields.Datetime.now(),
                    "last_sync_message": str(exc),
                }
            )
            return str(exc)
        self.write(
            {
                "sync_state": "done",
                "last_sync_date": fields.Datetime.now(),
                "last_sync_message": message,
            }
        )
        return message

    def _sync_partner_domain(self):
        Partner = self.env["res.partner"]
        domain = (
            Partner._customer_contactable_domain()
            & Domain("email", "!=", False)
            & Domain("company_id", "in", [False, self.company_id.id])
        )
        if self.member_segment_id:
            domain &= self.member_segment_id._get_partner_domain()
        return domain

    def _sync(self):
        self.ensure_one()
        client = self._client()
        now = fields.Datetime.now()
        Partner = self.env["res.partner"]
        # sudo: bindings are technical records the vendor only reads; the sync
        # (run by a sales administrator's job) creates and updates them
        Member = self.env["mailchimp.member"].sudo()
        partners = Partner.search_fetch(
            self._sync_partner_domain(),
            ["email", "name", "is_company", "lang"],
            order="id",
        )
        members = Member.search([("audience_id", "=", self.id)])
        by_hash = {m.email_hash: m for m in members}

        # (hash, partner, payload) of every member to send
        pushes = []
        seen = set()
        for partner in partners:
            email = partner.email.strip()
            digest = subscriber_hash(email)
            if digest in seen:  # two customers share an address: the first one wins
                continue
            seen.add(digest)
            first, last = (
                ("", partner.name or "")
                if partner.is_company
                else Partner._split_name(partner.name)
            )
            pushes.append(
                (
                    digest,
                    partner,
                    {
                        "email_address": email,
                        "status": "subscribed",
                        "merge_fields": {"FNAME": first, "LNAME": last},
                        "language": (partner.lang or "").split("_")[0],
                    },
                )
            )
        # Honour withdrawals made in Odoo: unsubscribe members whose customer
        # withdrew consent or was blacklisted.
        withdrawn = members.filtered(
            lambda m: (
                m.status == "subscribed"
                and m.email_hash not in seen
                and m.partner_id
                and (
                    m.partner_id.marketing_consent != "granted"
                    or m.partner_id.is_blacklisted
                )
            )
        )
        for member in withdrawn:
            pushes.append(
                (
                    member.email_hash,
                    member.partner_id,
                    {"email_address": member.email, "status": "unsubscribed"},
                )
            )

        created = updated = failed = 0
        for chunk in split_every(BATCH_LIMIT, pushes, list):
            result = client.batch_upsert_members(self.list_id, [p[2] for p in chunk])
            created += result.new_count
            updated += result.updated_count
            new_vals = []
            ok_by_status = defaultdict(lambda: Member)
            for digest, partner, payload in chunk:
                error = result.errors.get(payload["email_address"].lower())
                status = "error" if error else payload["status"]
                failed += bool(error)
                member = by_hash.get(digest)
                if member and not error:
                    ok_by_status[status] |= member
                elif member:
                    member.write(
                        {"status": status, "last_error": error, "last_sync_date": now}
                    )
                else:
                    new_vals.append(
                        {
                            "audience_id": self.id,
                            "partner_id": partner.id,
                            "email": payload["email_address"],
                            "email_hash": digest,
                            "status": status,
                            "last_error": error,
                            "last_sync_date": now,
                        }
                    )
            for status, records in ok_by_status.items():
                records.write(
                    {"status": status, "last_error": False, "last_sync_date": now}
                )
            for record in Member.create(new_vals):
                by_hash[record.email_hash] = record

        tagged, untagged = self._sync_tags(client)
        return self.env._(
            "%(sent)s members sent (%(created)s new, %(updated)s updated, "
            "%(failed)s in error); %(tagged)s tags added, %(untagged)s removed.",
            sent=len(pushes),
            created=created,
            updated=updated,
            failed=failed,
            tagged=tagged,
            untagged=untagged,
        )

    def _sync_tags(self, client):
        """Make each segment's tag match the segment: add and remove by diff."""
        # sudo: bindings are read-only for the vendor; the sync updates their tags
        Member = self.env["mailchimp.member"].sudo()
        members = Member.search(
            [("audience_id", "=", self.id), ("status", "=", "subscribed")]
        )
        remote = dict(self.remote_tag_ids or {})
        wanted = self.tag_segment_ids
        stale = members.with_context(active_test=False).segment_ids - wanted
        existing = None
        for segment in wanted:
            if str(segment.id) in remote:
                continue
            if existing is None:
                existing = client.static_segments(self.list_id)
            remote[str(segment.id)] = existing.get(
                segment.tag_name
            ) or client.create_static_segment(self.list_id, segment.tag_name)
        if remote != (self.remote_tag_ids or {}):
            self.remote_tag_ids = remote

        member_by_partner = {m.partner_id.id: m for m in members if m.partner_id}
        tagged = untagged = 0
        for segment in wanted | stale:
            if segment in wanted:
                in_segment = self.env["res.partner"].search(
                    segment._get_partner_domain()
                    & Domain("id", "in", list(member_by_partner))
                )
                desired = Member.browse(
                    [member_by_partner[pid].id for pid in in_segment.ids]
                )
            else:
                desired = Member
            current = members.filtered(
                lambda m, s=segment: s in m.with_context(active_test=False).segment_ids
            )
            remote_id = remote.get(str(segment.id))
            for adding, todo in ((True, desired - current), (False, current - desired)):
                command = Command.link if adding else Command.unlink
                if not remote_id:
                    todo.write({"segment_ids": [command(segment.id)]})
                    continue
                for chunk in split_every(BATCH_LIMIT, todo.ids, Member.browse):
                    emails = chunk.mapped("email")
                    kwargs = {"add": emails} if adding else {"remove": emails}
                    errors = client.update_segment_members(
                        self.list_id, remote_id, **kwargs
                    )
                    failed = chunk.filtered(lambda m, e=errors: m.email.lower() in e)
                    for member in failed:
                        member.last_error = errors[member.email.lower()]
                    done = chunk - failed
                    done.write({"segment_ids": [command(segment.id)]})
                    if adding:
                        tagged += len(done)
                    else:
                        untagged += len(done)
        return tagged, untagged

    # -- webhook ---------------------------------------------------------------------

    def _check_webhook_secret(self, secret):
        self.ensure_one()
        # sudo: compare with the stored secret, readable by system admins only
        expected = self.sudo().webhook_secret or ""
        return bool(expected) and secrets.compare_digest(expected, secret or "")

    def _handle_webhook(self, event_type, data):
        """Reflect a Mailchimp webhook event on the customer; True if applied."""
        self.ensure_one()
        if data.get("list_id") and data["list_id"] != self.list_id:
            return False
        email = (data.get("email") or "").strip().lower()
        if not email or event_type not in ("unsubscribe", "cleaned", "subscribe"):
            return False
        # sudo: the webhook (public user, authenticated by the URL's secret)
        # updates the audience's bindings
        Member = self.env["mailchimp.member"].sudo()
        member = Member.search(
            [
                ("audience_id", "=", self.id),
                ("email_hash", "=", subscriber_hash(email)),
            ],
            limit=1,
        )
        partners = member.partner_id or self.env["res.partner"].search(
            [
                ("email_normalized", "=", email),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        note = self.env._(
            "Mailchimp audience %(name)s: %(event)s", name=self.name, event=event_type
        )
        if event_type == "unsubscribe":
            partners._set_marketing_consent("withdrawn", "mailchimp", note=note)
            member.write({"status": "unsubscribed", "last_error": False})
        elif event_type == "cleaned":
            partners.with_context(consent_note=note).write(
                {"marketing_email_cleaned": True}
            )
            member.write({"status": "cleaned", "last_error": False})
        else:
            partners.filtered(
                lambda p: p.marketing_consent != "granted"
            )._set_marketing_consent("granted", "mailchimp", note=note)
            member.write({"status": "subscribed", "last_error": False})
        return bool(partners or member)
