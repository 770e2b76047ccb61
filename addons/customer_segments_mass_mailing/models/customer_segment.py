# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import fields, models
from odoo.exceptions import AccessError

MAILING_CREATE_GROUP = "sales_team.group_sale_manager"
MAILING_USER_GROUP = "mass_mailing.group_mass_mailing_user"


def _literal(value):
    """Turn a domain's values into literals (``mailing_domain`` is read with
    ``ast.literal_eval``): dates and datetimes become Odoo's strings."""
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    if isinstance(value, date):
        return fields.Date.to_string(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_literal(item) for item in value)
    return value


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
        bounce, not blacklisted). It is evaluated again when the mailing is sent,
        so a customer who withdraws consent in the meantime is not mailed."""
        self.ensure_one()
        domain = (
            self._get_partner_domain(for_client=True)
            & self.env["res.partner"]._customer_contactable_domain()
        )
        return repr(_literal(list(domain)))

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
