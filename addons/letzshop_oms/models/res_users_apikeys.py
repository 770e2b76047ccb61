# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _generate(self, scope, name, expiration_date):
        """No API key for a user whose plan lacks API access."""
        self.env.user._oms_plan_check_api()
        return super()._generate(scope, name, expiration_date)

    def _check_credentials(self, *, scope, key):
        """A key made before the plan changed is refused too (JSON-2 bearer,
        XML-RPC): with the plan's message."""
        uid = super()._check_credentials(scope=scope, key=key)
        if uid:
            self.env["res.users"].browse(uid)._oms_plan_check_api()
        return uid
