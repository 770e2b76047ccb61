# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

MAILING_CREATE_GROUP = "sales_team.group_sale_manager"
MAILING_USER_GROUP = "mass_mailing.group_mass_mailing_user"


class CustomerSegment(models.Model):
    _inherit = "customer.segment"

    mailing_ids = fields.One2many(
        "mailing.mailing",
        "customer_segment_id",
        "Mailings",
        groups=MAILING_USER_GROUP,
    )
    mailing_count = fields.Integer(
        "Number of Mailings",
        compute="_compute_mailing_count",
        groups=MAILING_USER_GROUP,
    )

    def _compute_mailing_count(self):
        counts = dict(
            self.env["mailing.mailing"]._read_group(
                [("customer_segment_id", "in", self.ids)],
                ["customer_segment_id"],
                ["__count"],
            )
        )
        for segment in self:
            segment.mailing_count = counts.get(segment, 0)

    def _get_mailing_domain(self):
        """The recipients of a mailing made from this segment, as the text Odoo's
        email marketing stores: the segment's customers who may be contacted, by
        the consent rule of ``customer_segments`` (consent granted, an email, no
        bounce, not blacklisted).

        The segment is named by its id (``customer_segment_ids``), not copied as
        its rule: the rule is evaluated when the mailing is sent, with that day's
        date and figures, so dated rules (new, dormant, yearly season) keep
        following the segment, edits of the rule apply, and a customer who
        withdraws consent in the meantime is not mailed."""
        self.ensure_one()
        domain = (
            Domain("customer_segment_ids", "in", self.ids)
            & self.env["res.partner"]._customer_contactable_domain()
        )
        return repr(list(domain))

    def _check_mailing_access(self):
        user = self.env.user
        if not user.has_group(MAILING_CREATE_GROUP):
            raise AccessError(
                self.env._(
                    "Only sales administrators can create a mailing from segment "
                    "%(segment)s (user %(user)s).",
                    segment=self.display_name,
                    user=user.name,
                )
            )
        if not user.has_group(MAILING_USER_GROUP):
            raise AccessError(
                self.env._(
                    "User %(user)s needs Email Marketing access to create a "
                    "mailing from segment %(segment)s.",
                    segment=self.display_name,
                    user=user.name,
                )
            )

    def action_new_mailing(self):
        """Create a draft email marketing mailing to the segment's contactable
        customers, linked to the segment, and open it."""
        self.ensure_one()
        self._check_mailing_access()
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": self.name,
                "mailing_type": "mail",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": self._get_mailing_domain(),
                "customer_segment_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_mailings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mailings of %(segment)s", segment=self.display_name),
            "res_model": "mailing.mailing",
            "view_mode": "list,form",
            "domain": [("customer_segment_id", "=", self.id)],
            "context": {"create": False},
        }
