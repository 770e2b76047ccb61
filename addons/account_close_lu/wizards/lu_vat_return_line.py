# Copyright 2026 Letzshop OMS contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).
from odoo import fields, models
from odoo.exceptions import UserError


class LuVatReturnLine(models.TransientModel):
    _name = "lu.vat.return.line"
    _description = "Luxembourg VAT return box"
    _order = "sequence"

    wizard_id = fields.Many2one("lu.vat.return", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    sequence = fields.Integer()
    code = fields.Char(help="Code of the line in Odoo's tax report layout.")
    box = fields.Char()
    name = fields.Char(string="Label")
    hierarchy_level = fields.Integer()
    kind = fields.Selection(
        [
            ("heading", "Heading"),
            ("tags", "From tax tags"),
            ("aggregation", "Total of boxes"),
            ("not_computed", "Not computed here"),
            ("oss", "OSS taxes"),
        ],
        required=True,
    )
    amount = fields.Monetary()
    note = fields.Char()
    negate = fields.Boolean(
        help="The box shows the credit balance of its journal items (sales)."
    )
    tag_ids = fields.Many2many("account.account.tag", string="Tax tags")

    def action_open_items(self):
        """The posted journal items that make up this box in the period."""
        self.ensure_one()
        wizard = self.wizard_id
        domain = [
            ("parent_state", "=", "posted"),
            ("company_id", "in", wizard._companies().ids),
            ("date", ">=", wizard.date_from),
            ("date", "<=", wizard.date_to),
        ]
        if self.kind == "tags":
            domain.append(("tax_tag_ids", "in", self.tag_ids.ids))
        elif self.kind == "oss":
            domain += [
                ("tax_line_id", "=", False),
                ("tax_ids.oss_vat_key", "=like", "oss:%"),
            ]
        else:
            raise UserError(
                self.env._(
                    "Box %(box)s is not made of journal items of its own.",
                    box=self.box or self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Box %(box)s", box=self.box or self.name),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("account.view_move_line_tree").id, "list"),
                (False, "form"),
            ],
            "domain": domain,
            "context": {"search_default_group_by_move": 0},
        }
