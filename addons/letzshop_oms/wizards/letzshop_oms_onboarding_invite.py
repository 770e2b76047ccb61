from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

ROLE_GROUPS = {
    "vendor": "letzshop_oms.group_oms_vendor",
    "warehouse": "letzshop_oms.group_oms_warehouse",
    "accountant": "letzshop_oms.group_oms_accountant",
}


class LetzshopOmsOnboardingInvite(models.TransientModel):
    """Invite a team member: a user with one OMS role, who gets Odoo's invitation
    e-mail to choose a password."""

    _name = "letzshop.oms.onboarding.invite"
    _description = "Invite a team member"

    name = fields.Char(required=True)
    email = fields.Char(required=True)
    role = fields.Selection(
        [
            ("warehouse", "Warehouse"),
            ("accountant", "Accountant"),
            ("vendor", "Vendor"),
        ],
        required=True,
        default="warehouse",
        help="Warehouse: pickings, receipts, products and stock, no prices. "
        "Accountant: invoices, payments and reports. Vendor: everything.",
    )

    @api.model
    def _oms_check_may_invite(self):
        user = self.env.user
        if not (
            user._is_superuser()
            or user.has_group("letzshop_oms.group_oms_vendor")
            or user.has_group("base.group_erp_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the vendor or an administrator may invite team members; "
                    "%(user)s may not.",
                    user=user.name,
                )
            )

    def action_invite(self):
        self.ensure_one()
        self._oms_check_may_invite()
        email = (self.email or "").strip().lower()
        if "@" not in email:
            raise UserError(
                self.env._(
                    "Invite %(name)s: the field 'Email' (%(email)s) is not an e-mail "
                    "address.",
                    name=self.name,
                    email=self.email,
                )
            )
        Users = self.env["res.users"].with_context(active_test=False)
        # sudo: logins of every company are unique; the vendor may not read them.
        if Users.sudo().search_count([("login", "=", email)], limit=1):
            raise UserError(
                self.env._(
                    "Invite %(name)s: a user with the login %(email)s already exists.",
                    name=self.name,
                    email=email,
                )
            )
        company = self.env.company
        groups = [
            self.env.ref("base.group_user").id,
            self.env.ref(ROLE_GROUPS[self.role]).id,
        ]
        # sudo: creating users needs Settings rights, which the vendor (the
        # company's owner) lacks; the checked vendor gives one OMS role of their
        # own company only, no right beyond the vendor's own. Odoo's signup sends
        # the invitation e-mail on creation.
        user = Users.sudo().create(
            {
                "name": self.name,
                "login": email,
                "email": email,
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set(groups)],
            }
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Invitation sent"),
                "message": self.env._(
                    "%(name)s is invited as %(role)s; the invitation went to "
                    "%(email)s.",
                    name=user.name,
                    role=dict(self._fields["role"]._description_selection(self.env))[
                        self.role
                    ],
                    email=email,
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
