from odoo import api, fields, models

OMS_ROLES = (
    "letzshop_oms.group_oms_vendor",
    "letzshop_oms.group_oms_accountant",
    "letzshop_oms.group_oms_warehouse",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    oms_show_all_apps = fields.Boolean(
        string="Show All Odoo Apps",
        help="The menu shows every Odoo app the user's access rights allow, not only "
        "the apps of their OMS roles.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """New internal users beyond the company's plan are refused."""
        users = super().create(vals_list)
        users.filtered(lambda u: not u.share).company_ids._oms_plan_check("max_users")
        return users

    def _check_credentials(self, credential, env):
        """Without the plan's API access, a login over RPC (XML-RPC, JSON-RPC:
        not interactive) is refused with the plan's message; the same user's
        web session (interactive) still works. Administrators are not limited.
        (Odoo's HttpCase.authenticate logs in non-interactively too: a test
        logging in a user of a plan without API access gives the plan one.)"""
        auth_info = super()._check_credentials(credential, env)
        if not (env or {}).get("interactive", True):
            self.env.user._oms_plan_check_api()
        return auth_info

    def _oms_plan_check_api(self):
        """Refuse the API to this user when their company's plan lacks it."""
        self.ensure_one()
        # sudo: checked while authenticating, before the request has a user
        user = self.sudo()
        if not user._is_superuser() and not user._is_system():
            user.company_id._oms_plan_check("api_access")

    def _oms_roles(self):
        """The OMS role groups of this user, strongest first."""
        self.ensure_one()
        roles = self.env["res.groups"]
        for xmlid in OMS_ROLES:
            group = self.env.ref(xmlid, raise_if_not_found=False)
            if group and self.has_group(xmlid):
                roles |= group
        return roles

    def _oms_allowed_root_menus(self, all_apps=None):
        """Top-level menus a lightweight OMS user may see, or None for no trimming.

        A user is lightweight when every OMS role they hold lists the apps it needs
        (``oms_menu_ids``) and they are not a settings administrator. A user who
        asked to see all apps (``oms_show_all_apps``, or ``all_apps``) is not
        trimmed.
        """
        self.ensure_one()
        if all_apps is None:
            all_apps = self.oms_show_all_apps
        if all_apps or self._is_superuser() or self.has_group("base.group_system"):
            return None
        roles = self._oms_roles()
        if not roles or not all(role.oms_menu_ids for role in roles):
            return None
        return roles.sudo().oms_menu_ids  # sudo: menus of the user's own roles

    @api.model
    def action_oms_home(self):
        """The action the OMS app opens: the home of the user's strongest role."""
        for role in self.env.user._oms_roles():
            # sudo: the user's own role configuration, readable to know where to land.
            action = role.sudo().oms_home_action_id
            if action:
                return self.env[action.type].browse(action.id)._get_action_dict()
        return self.env["ir.actions.actions"]._for_xml_id("sale.action_orders")

    @api.model
    def action_oms_toggle_all_apps(self):
        """Show every Odoo app in the menu, or only the OMS apps again."""
        user = self.env.user
        # sudo: a user changes their own menu preference, nothing else.
        user.sudo().oms_show_all_apps = not user.oms_show_all_apps
        return {"type": "ir.actions.client", "tag": "reload"}
