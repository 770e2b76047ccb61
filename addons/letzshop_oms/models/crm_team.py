# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    def _oms_check_incoming_stock(self):
        for team in self:
            (team.company_id or self.env.company)._oms_plan_check("bins_incoming_stock")

    @api.model_create_multi
    def create(self, vals_list):
        """A channel selling incoming stock needs the plan's bins and incoming
        stock."""
        teams = super().create(vals_list)
        teams.filtered("atp_count_incoming")._oms_check_incoming_stock()
        return teams

    def write(self, vals):
        """Starting to sell incoming stock needs the plan's bins and incoming
        stock; a channel already doing so keeps working."""
        starting = self.browse()
        if vals.get("atp_count_incoming"):
            starting = self.filtered(lambda t: not t.atp_count_incoming)
        res = super().write(vals)
        starting._oms_check_incoming_stock()
        return res
