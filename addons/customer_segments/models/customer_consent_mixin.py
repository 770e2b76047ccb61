# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Marketing consent of a customer and the evidence of each change."""

from odoo import api, fields, models

from .customer_consent_event import CONSENT_SOURCES, CONSENT_STATES
from .customer_figures_mixin import FIGURES_GROUP


class CustomerConsentMixin(models.AbstractModel):
    _name = "customer.consent.mixin"
    _description = "Marketing consent of a customer (on res.partner)"

    marketing_consent = fields.Selection(
        CONSENT_STATES,
        default="unknown",
        required=True,
        copy=False,
        tracking=True,
        groups=FIGURES_GROUP,
        help="Whether this customer agreed to receive your newsletters. Marketplace "
        "buyers did not agree by buying: leave them 'Not asked' until they opt in.",
    )
    marketing_consent_source = fields.Selection(
        CONSENT_SOURCES, "Consent Source", copy=False, groups=FIGURES_GROUP
    )
    marketing_consent_date = fields.Datetime(
        "Consent Date",
        copy=False,
        readonly=True,
        groups=FIGURES_GROUP,
        help="When the consent last changed, recorded by Odoo (a date given is "
        "ignored).",
    )
    marketing_email_cleaned = fields.Boolean(
        "Email Bounced",
        copy=False,
        groups=FIGURES_GROUP,
        help="Mailchimp cleaned this address (hard bounce). Cleared when the email "
        "changes.",
    )
    marketing_contactable = fields.Boolean(
        "Contactable",
        compute="_compute_marketing_contactable",
        store=True,
        groups=FIGURES_GROUP,
        help="Consent granted, an email address, and no bounce.",
    )
    consent_event_ids = fields.One2many(
        "customer.consent.event", "partner_id", "Consent History", groups=FIGURES_GROUP
    )

    @api.depends("marketing_consent", "email", "marketing_email_cleaned")
    def _compute_marketing_contactable(self):
        for partner in self:
            partner.marketing_contactable = bool(
                partner.marketing_consent == "granted"
                and partner.email
                and not partner.marketing_email_cleaned
            )

    @staticmethod
    def _without_consent_date(vals):
        """The consent date is Odoo's to record: a value given (over RPC, by an
        import, by the partner merge wizard copying fields) is ignored."""
        return {k: v for k, v in vals.items() if k != "marketing_consent_date"}

    def write(self, vals):
        vals = self._without_consent_date(vals)
        if "email" in vals and "marketing_email_cleaned" not in vals:
            vals = dict(vals, marketing_email_cleaned=False)
        consent_changed = self.env["res.partner"]
        if "marketing_consent" in vals:
            vals = dict(vals, marketing_consent_date=fields.Datetime.now())
            vals.setdefault("marketing_consent_source", "manual")
            # sudo: compare with the current consent, whatever the caller's groups
            # (the write itself is checked with the caller's rights)
            consent_changed = self.sudo().filtered(
                lambda p: p.marketing_consent != vals["marketing_consent"]
            )
        res = super().write(vals)
        if consent_changed:
            consent_changed._log_consent_events(
                vals["marketing_consent"], vals["marketing_consent_source"]
            )
        if vals.get("marketing_email_cleaned"):
            self._log_consent_events(
                "email_cleaned", vals.get("marketing_consent_source") or "mailchimp"
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        vals_list = [self._without_consent_date(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("marketing_consent", "unknown") != "unknown":
                vals["marketing_consent_date"] = now
                vals.setdefault("marketing_consent_source", "manual")
        partners = super().create(vals_list)
        for partner, vals in zip(partners, vals_list, strict=True):
            if vals.get("marketing_consent", "unknown") != "unknown":
                partner._log_consent_events(
                    vals["marketing_consent"], vals["marketing_consent_source"]
                )
        return partners

    def _log_consent_events(self, event, source):
        if not self:
            return
        self.env["customer.consent.event"]._record(
            self, event, source, note=self.env.context.get("consent_note")
        )
        # keep the history in its order (newest first) for the caller
        self.invalidate_recordset(["consent_event_ids"])

    def _set_marketing_consent(self, consent, source, note=None):
        """Record a consent change (e.g. from a webhook) with its source, dated now."""
        return self.with_context(consent_note=note).write(
            {"marketing_consent": consent, "marketing_consent_source": source}
        )

    def action_open_consent_events(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Consent history of %(name)s", name=self.display_name),
            "res_model": "customer.consent.event",
            "view_mode": "list",
            "domain": [("partner_id", "=", self.id)],
        }
