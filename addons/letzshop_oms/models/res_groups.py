from odoo import fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    oms_menu_ids = fields.Many2many(
        comodel_name="ir.ui.menu",
        relation="res_groups_oms_menu_rel",
        column1="group_id",
        column2="menu_id",
        string="OMS Apps",
        help="For a lightweight OMS role: the top-level menus (apps) a user whose only "
        "roles are lightweight ones may see. Leave empty for a role that sees every "
        "app its access rights allow.",
    )
    oms_home_action_id = fields.Many2one(
        comodel_name="ir.actions.actions",
        string="OMS Home",
        help="Where a user holding this OMS role lands when opening the OMS app.",
    )
