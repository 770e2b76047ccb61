from odoo import api, fields, models


class LetzshopSyncLog(models.Model):
    _name = "letzshop.sync.log"
    _description = "Letzshop Sync Log"
    _order = "id desc"
    _check_company_auto = True

    account_id = fields.Many2one(
        "letzshop.account", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(
        related="account_id.company_id", store=True, index=True
    )
    operation = fields.Selection(
        [
            ("import", "Order Import"),
            ("confirm", "Confirmation"),
            ("tracking", "Tracking"),
            ("test", "Connection Test"),
        ],
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        [
            ("success", "Done"),
            ("partial", "Done With Errors"),
            ("retry", "Will Retry"),
            ("failed", "Failed"),
            ("auth_error", "Key Refused"),
        ],
        required=True,
        readonly=True,
    )
    imported = fields.Integer(readonly=True)
    updated = fields.Integer(readonly=True)
    skipped = fields.Integer(readonly=True)
    failed = fields.Integer(readonly=True)
    shipment_ref = fields.Char(string="Shipment", readonly=True)
    message = fields.Text(readonly=True)

    @api.depends("operation", "state", "imported", "updated", "skipped", "failed")
    def _compute_display_name(self):
        operations = dict(self._fields["operation"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        for log in self:
            text = f"{operations.get(log.operation)}: {states.get(log.state)}"
            if log.operation == "import":
                text += self.env._(
                    " (%(i)s imported, %(u)s updated, %(s)s skipped, %(f)s failed)",
                    i=log.imported,
                    u=log.updated,
                    s=log.skipped,
                    f=log.failed,
                )
            if log.shipment_ref:
                text += f" [{log.shipment_ref}]"
            log.display_name = text
