# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError

CONSENT_STATES = [
    ("unknown", "Not asked"),
    ("granted", "Granted"),
    ("withdrawn", "Withdrawn"),
]
CONSENT_SOURCES = [
    ("manual", "Entered by hand"),
    ("web_form", "Web form or own shop"),
    ("in_person", "In person (market, shop)"),
    ("import", "Import"),
    ("mailchimp", "Mailchimp"),
    ("marketplace", "Marketplace order"),
]


def email_digest(email):
    """SHA-256 of the normalised email: identifies a deleted customer's evidence
    (hash the address they give) without keeping the address."""
    email = (email or "").strip().lower()
    return hashlib.sha256(email.encode("utf-8")).hexdigest() if email else False


class CustomerConsentEvent(models.Model):
    """Proof of marketing consent: who agreed or withdrew, when and how.

    One line per change of ``res.partner.marketing_consent`` and per address
    cleaned by Mailchimp. Append-only evidence: lines are written only by
    :meth:`_record`, called by the methods that change consent, with the current
    date and user; nobody creates, edits or deletes them (not even over RPC as
    an administrator). When the customer is deleted, the line stays, anonymised:
    the customer link is cleared and only a hash of the email is kept.
    """

    _name = "customer.consent.event"
    _description = "Marketing consent event"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        ondelete="set null",
        readonly=True,
        help="Empty once the customer was deleted: the event stays as evidence.",
    )
    email_hash = fields.Char(
        "Email Hash (SHA-256)",
        readonly=True,
        index=True,
        help="SHA-256 of the customer's email address when the event was recorded: "
        "finds the evidence of a deleted customer from the address they give.",
    )
    event = fields.Selection(
        CONSENT_STATES + [("email_cleaned", "Email address cleaned")],
        required=True,
        readonly=True,
    )
    source = fields.Selection(CONSENT_SOURCES, required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True)
    note = fields.Char(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Recorded by", required=True, readonly=True
    )

    @api.depends("partner_id", "event", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["event"]._description_selection(self.env))
        for event in self:
            customer = event.partner_id.display_name or self.env._("Deleted customer")
            event.display_name = f"{customer}: {labels.get(event.event, '')}"

    @api.model
    def _record(self, partners, event, source, note=None):
        """Append one event per partner, dated now, recorded by the current user.

        The only way to write evidence: callers pass what happened and how,
        never a date or an author.
        """
        if not partners:
            return self
        vals_list = [
            {
                "partner_id": partner.id,
                "email_hash": email_digest(partner.email),
                "event": event,
                "source": source,
                "date": fields.Datetime.now(),
                "note": note,
                "user_id": self.env.uid,
            }
            for partner in partners
        ]
        # sudo: no user may create evidence directly (no access row grants it);
        # this method, called by the consent changes, is the only writer
        return self.sudo().with_context(customer_consent_record=True).create(vals_list)

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")  # refused by the access rights first
        if not self.env.context.get("customer_consent_record"):
            raise UserError(
                self.env._(
                    "Consent history: events are recorded by Odoo when a customer's "
                    "consent changes; they cannot be created directly."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            self.check_access("write")  # refused by the access rights first
            raise UserError(
                self.env._(
                    "Consent history: event %(event)s is evidence and cannot be "
                    "changed.",
                    event=self[:1].display_name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Consent history: event %(event)s is evidence and cannot be deleted.",
                event=self[:1].display_name,
            )
        )
