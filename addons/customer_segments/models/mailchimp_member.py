# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

MEMBER_STATES = [
    ("subscribed", "Subscribed"),
    ("unsubscribed", "Unsubscribed"),
    ("cleaned", "Cleaned (bounced)"),
    ("error", "Error"),
]


class MailchimpMember(models.Model):
    """Binding of a customer to a member of a Mailchimp audience.

    The external id is Mailchimp's subscriber hash (MD5 of the lowercased email),
    unique per audience.
    """

    _name = "mailchimp.member"
    _description = "Mailchimp audience member"
    _order = "audience_id, email"
    _rec_name = "email"

    audience_id = fields.Many2one(
        "mailchimp.audience", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="audience_id.company_id", store=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner", "Customer", index=True, ondelete="set null"
    )
    email = fields.Char(required=True)
    email_hash = fields.Char("Subscriber Hash", required=True, size=32)
    status = fields.Selection(MEMBER_STATES, required=True, default="subscribed")
    last_error = fields.Char()
    last_sync_date = fields.Datetime()
    segment_ids = fields.Many2many(
        "customer.segment",
        "mailchimp_member_customer_segment_rel",
        "member_id",
        "segment_id",
        string="Tags in Mailchimp",
        help="Segments last pushed to Mailchimp as tags of this member.",
    )

    _audience_hash_unique = models.Constraint(
        "UNIQUE (audience_id, email_hash)",
        "A Mailchimp member appears once per audience.",
    )
